package io.mailsync.gateway.command;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.BatchResult;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.sync.UidFlagsDiff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Device commands on messages, written through: the upstream server first, then the mirror and the
 * change log in one transaction, with the folders locked against the sync engine for the whole time
 * (see {@link MailboxLocks}) so that the engine neither overwrites the new state with older state nor
 * reports the change a second time. When upstream refuses or times out, nothing changes locally.
 */
@ApplicationScoped
public class MessageCommands {

    static final String TRASH = "trash";

    private final CommandMirror mirror;
    private final UpstreamCommands upstream;
    private final MailboxLocks locks;
    private final Duration lockWait;
    private final int maxBatch;

    public MessageCommands(CommandMirror mirror, UpstreamCommands upstream, MailboxLocks locks, MailsyncConfig config) {
        this.mirror = mirror;
        this.upstream = upstream;
        this.locks = locks;
        this.lockWait = config.upstream().timeout();
        this.maxBatch = config.commands().maxBatch();
    }

    /**
     * Applies the command to one message. {@code ifMatch} (an ETag, or null) must name its current state.
     *
     * @return the message as the command left it, with its new tag; empty when it was deleted, or when a move
     *         took it where the mirror does not follow it yet
     */
    public Optional<StoredMessage> apply(UUID accountId, UUID messageId, MessageCommand command, String ifMatch,
                                         Origin origin) {
        if (command.isEmpty()) {
            StoredMessage now = mirror.stored(accountId, messageId).orElseThrow(MessageCommands::notFound);
            checkTag(now.stateTag(), ifMatch);
            return Optional.of(now);
        }
        MessageTarget before = mirror.message(accountId, messageId).orElseThrow(MessageCommands::notFound);
        FolderTarget target = target(accountId, before.folderId(), command);
        List<UUID> folders = target == null ? List.of(before.folderId()) : List.of(before.folderId(), target.id());
        try (MailboxLocks.Held held = locks.folders(folders, lockWait)) {
            // read again under the lock: a command or a pass may have moved it since
            MessageTarget message = mirror.message(accountId, messageId).orElseThrow(MessageCommands::notFound);
            checkTag(message.tag(), ifMatch);
            if (!message.folderId().equals(before.folderId())) {
                throw new CommandRefused(CommandRefused.Reason.STALE, "the message moved meanwhile; read it again");
            }
            if (command.delete()) {
                run(accountId, message.folderId(), message.folder(), List.of(message), command, target, origin);
                return Optional.empty();
            }
            return change(accountId, message, command, target, origin);
        }
    }

    /**
     * A change that keeps the message, in the order {@link #run} keeps (flags, then the move); answers the message
     * as the last write left it, so that nobody reads it again.
     */
    private Optional<StoredMessage> change(UUID accountId, MessageTarget message, MessageCommand command,
                                           FolderTarget target, Origin origin) {
        List<Uid> uids = List.of(message.uid());
        boolean flags = !command.flags().isEmpty();
        if (target == null) {
            return flags ? mirror.recordFlags(accountId, message, changedFlags(List.of(message),
                    upstream.store(accountId, message.folder(), uids, command.flags())), origin)
                    : mirror.stored(accountId, message.id());
        }
        if (flags) {
            mirror.recordFlags(accountId, message.folderId(), changedFlags(List.of(message),
                    upstream.store(accountId, message.folder(), uids, command.flags())), origin);
        }
        return mirror.recordMove(accountId, message, target.id(),
                upstream.move(accountId, message.folder(), uids, target.ref()), origin);
    }

    /**
     * Applies one command to many messages: grouped by folder, each group one or two IMAP commands over a
     * UID set. Each group succeeds or fails as a whole; the answer says what happened to each id.
     */
    public BatchResult batch(UUID accountId, List<UUID> messageIds, MessageCommand command, Origin origin) {
        if (command.isEmpty()) {
            throw new CommandRefused(CommandRefused.Reason.INVALID, "body", "the batch asks for no change");
        }
        if (messageIds.size() > maxBatch) {
            throw new CommandRefused(CommandRefused.Reason.INVALID, "messageIds", "at most " + maxBatch + " per batch");
        }
        Map<UUID, BatchResult.Item> results = new LinkedHashMap<>();
        List<MessageTarget> found = mirror.messages(accountId, messageIds);
        Set<UUID> known = found.stream().map(MessageTarget::id).collect(Collectors.toSet());
        Map<UUID, List<MessageTarget>> byFolder = found.stream()
                .collect(Collectors.groupingBy(MessageTarget::folderId, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<UUID, List<MessageTarget>> group : byFolder.entrySet()) {
            UUID folderId = group.getKey();
            List<UUID> ids = group.getValue().stream().map(MessageTarget::id).toList();
            try {
                FolderTarget target = target(accountId, folderId, command);
                List<UUID> folders = target == null ? List.of(folderId) : List.of(folderId, target.id());
                try (MailboxLocks.Held held = locks.folders(folders, lockWait)) {
                    List<MessageTarget> now = mirror.messages(accountId, ids).stream()
                            .filter(m -> m.folderId().equals(folderId)).toList();
                    if (!now.isEmpty()) {
                        run(accountId, folderId, now.get(0).folder(), now,
                                command, target, origin);
                    }
                    Set<UUID> still = now.stream().map(MessageTarget::id).collect(Collectors.toSet());
                    for (UUID id : ids) {
                        results.put(id, still.contains(id)
                                ? new BatchResult.Item(id, BatchResult.Status.DONE, null, null)
                                : new BatchResult.Item(id, BatchResult.Status.FAILED,
                                        "the message moved meanwhile; read it again", BatchResult.Kind.CONFLICT));
                    }
                }
            } catch (UpstreamException e) {
                BatchResult.Kind kind = switch (e.kind()) {
                    case TIMEOUT -> BatchResult.Kind.TIMEOUT;
                    case UNAVAILABLE -> BatchResult.Kind.UNAVAILABLE;
                    default -> BatchResult.Kind.REFUSED;
                };
                ids.forEach(id -> results.put(id, new BatchResult.Item(id, BatchResult.Status.FAILED, e.getMessage(), kind)));
            } catch (CommandRefused e) {
                if (e.reason() == CommandRefused.Reason.INVALID || e.reason() == CommandRefused.Reason.NOT_FOUND
                        && command.targetFolderId() != null) {
                    throw e;
                }
                ids.forEach(id -> results.put(id, new BatchResult.Item(id, BatchResult.Status.FAILED, e.getMessage(),
                        BatchResult.Kind.CONFLICT)));
            }
        }
        List<BatchResult.Item> items = new ArrayList<>();
        for (UUID id : messageIds) {
            BatchResult.Item item = results.get(id);
            if (item == null && !known.contains(id)) {
                item = new BatchResult.Item(id, BatchResult.Status.NOT_FOUND, "message not found", null);
            }
            if (item != null) {
                items.add(item);
            }
        }
        return new BatchResult(items);
    }

    /** The folder a move or delete goes to, or null when the messages stay (flags only, permanent delete). */
    private FolderTarget target(UUID accountId, UUID fromFolderId, MessageCommand command) {
        if (command.delete()) {
            if (command.permanent()) {
                return null;
            }
            FolderTarget from = mirror.folder(accountId, fromFolderId).orElse(null);
            if (from != null && TRASH.equals(from.role())) {
                // deleting in Trash deletes for good, as mail clients do
                return null;
            }
            return mirror.folderByRole(accountId, TRASH).orElseThrow(() -> new CommandRefused(
                    CommandRefused.Reason.CONFLICT, "the account has no Trash folder; delete with permanent=true"));
        }
        if (command.targetFolderId() == null || command.targetFolderId().equals(fromFolderId)) {
            return null;
        }
        FolderTarget target = mirror.folder(accountId, command.targetFolderId()).orElseThrow(() ->
                new CommandRefused(CommandRefused.Reason.INVALID, "folderId", "is not a folder of this account"));
        return target;
    }

    private void run(UUID accountId, UUID folderId, FolderRef folder, List<MessageTarget> messages,
                     MessageCommand command, FolderTarget target, Origin origin) {
        List<Uid> uids = messages.stream().map(MessageTarget::uid).toList();
        if (command.delete() && target == null) {
            Set<Uid> gone = upstream.expunge(accountId, folder, uids);
            mirror.recordExpunged(accountId, folderId, gone, origin);
            return;
        }
        if (!command.flags().isEmpty()) {
            Map<Uid, MessageFlags> after = upstream.store(accountId, folder, uids, command.flags());
            mirror.recordFlags(accountId, folderId, changedFlags(messages, after), origin);
        }
        if (target != null) {
            MoveResult moved = upstream.move(accountId, folder, uids, target.ref());
            mirror.recordMove(accountId, folderId, target.id(), moved, origin);
        }
    }

    /**
     * The flags the server answered that differ from what the mirror held for these messages (read under their
     * folder's lock): the same decision as the sync's, so a state already recorded is never reported again.
     */
    private static Map<Uid, MessageFlags> changedFlags(List<MessageTarget> before, Map<Uid, MessageFlags> after) {
        Map<Uid, MessageFlags> held = new HashMap<>();
        before.forEach(m -> held.put(m.uid(), m.flags()));
        return UidFlagsDiff.between(held, after).changed();
    }

    private static CommandRefused notFound() {
        return new CommandRefused(CommandRefused.Reason.NOT_FOUND, "message not found");
    }

    private static void checkTag(String tag, String ifMatch) {
        if (ifMatch != null && !ETags.matches(ifMatch, tag)) {
            throw new CommandRefused(CommandRefused.Reason.STALE,
                    "the message changed since that ETag; read it again and retry");
        }
    }
}
