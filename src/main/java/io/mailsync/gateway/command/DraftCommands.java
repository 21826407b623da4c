package io.mailsync.gateway.command;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Drafts kept upstream in the folder with role drafts, and sending them. A draft is APPENDed with \Draft;
 * replacing one appends the new version and then expunges the old (so a failure in between leaves two
 * drafts, never none); sending submits it through the account's SMTP server, then files exactly one copy
 * in Sent (unless the server filed one itself, found by Message-ID within {@code sent-copy-wait}) and
 * removes the draft. Once SMTP accepted the message the send is reported done, with warnings for whatever
 * failed after, so that a retry with the same Idempotency-Key never sends twice.
 */
@ApplicationScoped
public class DraftCommands {

    private static final Logger LOG = Logger.getLogger(DraftCommands.class);
    static final String DRAFTS = "drafts";
    static final String SENT = "sent";
    /** Largest message the gateway sends (drafts from other clients may carry attachments). */
    static final int MAX_SEND_BYTES = 25 * 1024 * 1024;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~]{1,250}@[!-;=?-~]{1,250}>");

    private final CommandMirror mirror;
    private final UpstreamCommands upstream;
    private final MailSubmission submission;
    private final MailboxLocks locks;
    private final Duration lockWait;
    private final Duration sentCopyWait;

    public DraftCommands(CommandMirror mirror, UpstreamCommands upstream, MailSubmission submission, MailboxLocks locks,
                         MailsyncConfig config) {
        this.mirror = mirror;
        this.upstream = upstream;
        this.submission = submission;
        this.locks = locks;
        this.lockWait = config.upstream().timeout();
        this.sentCopyWait = config.commands().sentCopyWait();
    }

    /** Stores a new draft; answers its message id, or empty when the Drafts folder is not mirrored yet. */
    public Optional<UUID> create(UUID accountId, DraftInput input, Origin origin) {
        FolderTarget drafts = drafts(accountId);
        try (MailboxLocks.Held held = locks.folders(List.of(drafts.id()), lockWait)) {
            DraftMessage draft = draft(accountId, input, newMessageId(accountId));
            Appended appended = upstream.appendDraft(accountId, drafts.ref(), draft);
            return record(accountId, drafts.id(), appended, origin);
        }
    }

    /** Replaces a draft with a new version (same Message-ID); answers the new version's id. */
    public Optional<UUID> replace(UUID accountId, UUID messageId, DraftInput input, String ifMatch, Origin origin) {
        MessageTarget old = draftMessage(accountId, messageId);
        try (MailboxLocks.Held held = locks.folders(List.of(old.folderId()), lockWait)) {
            MessageTarget current = draftMessage(accountId, messageId);
            if (ifMatch != null && !ETags.matches(ifMatch, current.tag())) {
                throw new CommandRefused(CommandRefused.Reason.STALE, "the draft changed since that ETag");
            }
            String id = current.messageIdHeader() != null && MESSAGE_ID.matcher(current.messageIdHeader()).matches()
                    ? current.messageIdHeader() : newMessageId(accountId);
            Appended appended = upstream.appendDraft(accountId, current.folder(), draft(accountId, input, id));
            Optional<UUID> newId = record(accountId, current.folderId(), appended, origin);
            mirror.recordExpunged(accountId, current.folderId(),
                    upstream.expunge(accountId, current.folder(), List.of(current.uid())), origin);
            return newId;
        }
    }

    /** Deletes a draft for good (drafts do not go to Trash). */
    public void delete(UUID accountId, UUID messageId, String ifMatch, Origin origin) {
        MessageTarget old = draftMessage(accountId, messageId);
        try (MailboxLocks.Held held = locks.folders(List.of(old.folderId()), lockWait)) {
            MessageTarget current = draftMessage(accountId, messageId);
            if (ifMatch != null && !ETags.matches(ifMatch, current.tag())) {
                throw new CommandRefused(CommandRefused.Reason.STALE, "the draft changed since that ETag");
            }
            mirror.recordExpunged(accountId, current.folderId(),
                    upstream.expunge(accountId, current.folder(), List.of(current.uid())), origin);
        }
    }

    /** Sends a draft through SMTP, files one copy in Sent and removes the draft. */
    public SendResult send(UUID accountId, UUID messageId, Origin origin) {
        if (!submission.available(accountId)) {
            throw new CommandRefused(CommandRefused.Reason.CONFLICT,
                    "the account has no SMTP endpoint; register it with smtp to send mail");
        }
        MessageTarget draft = draftMessage(accountId, messageId);
        Optional<FolderTarget> sent = mirror.folderByRole(accountId, SENT);
        List<UUID> folders = new ArrayList<>(List.of(draft.folderId()));
        sent.ifPresent(s -> folders.add(s.id()));
        try (MailboxLocks.Held held = locks.folders(folders, lockWait)) {
            MessageTarget current = draftMessage(accountId, messageId);
            byte[] raw = upstream.read(accountId, current.folder(), current.uid(), MAX_SEND_BYTES);
            submission.submit(accountId, raw);
            // from here on the message is out: report the rest, never fail the send
            List<String> warnings = new ArrayList<>();
            UUID copyId = null;
            boolean filed = false;
            boolean byServer = false;
            if (sent.isEmpty()) {
                warnings.add("the account has no Sent folder; no copy was filed");
            } else {
                try {
                    Optional<MessageMeta> found = awaitServerCopy(accountId, sent.get(), current.messageIdHeader());
                    Appended copy = found.isPresent()
                            ? new Appended(sent.get().ref().uidValidity(), found.get())
                            : upstream.appendRaw(accountId, sent.get().ref(), raw);
                    byServer = found.isPresent();
                    filed = true;
                    copyId = record(accountId, sent.get().id(), copy, origin).orElse(null);
                } catch (UpstreamException | CommandRefused e) {
                    warnings.add("sent, but no copy could be filed in Sent: " + e.getMessage());
                }
            }
            boolean removed = false;
            try {
                mirror.recordExpunged(accountId, current.folderId(),
                        upstream.expunge(accountId, current.folder(), List.of(current.uid())), origin);
                removed = true;
            } catch (UpstreamException | CommandRefused e) {
                warnings.add("sent, but the draft could not be removed: " + e.getMessage());
            }
            if (!warnings.isEmpty()) {
                LOG.infof("send from account %s completed with warnings: %s", accountId, warnings);
            }
            return new SendResult(current.messageIdHeader(), copyId, filed, byServer, removed, warnings);
        }
    }

    /** Records an appended message in the mirror; without a UIDVALIDITY from the server the sync engine brings it. */
    private Optional<UUID> record(UUID accountId, UUID folderId, Appended appended, Origin origin) {
        return mirror.recordAppended(accountId, folderId, appended.uidValidity(), appended.meta(), origin);
    }

    /** Looks for a copy the server filed itself, for up to {@code sent-copy-wait}. */
    private Optional<MessageMeta> awaitServerCopy(UUID accountId, FolderTarget sent, String messageIdHeader) {
        if (messageIdHeader == null || !MESSAGE_ID.matcher(messageIdHeader).matches()) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + sentCopyWait.toNanos();
        while (true) {
            Optional<MessageMeta> found = upstream.findByMessageId(accountId, sent.ref(), messageIdHeader);
            if (found.isPresent() || System.nanoTime() >= deadline) {
                return found;
            }
            LockSupport.parkNanos(Math.min(Duration.ofMillis(250).toNanos(), Math.max(0, deadline - System.nanoTime())));
        }
    }

    private FolderTarget drafts(UUID accountId) {
        return mirror.folderByRole(accountId, DRAFTS).orElseThrow(() -> new CommandRefused(
                CommandRefused.Reason.CONFLICT, "the account has no Drafts folder"));
    }

    private MessageTarget draftMessage(UUID accountId, UUID messageId) {
        MessageTarget message = mirror.message(accountId, messageId)
                .orElseThrow(() -> new CommandRefused(CommandRefused.Reason.NOT_FOUND, "draft not found"));
        if (!DRAFTS.equals(message.folderRole())) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "draft not found: the message is not in Drafts");
        }
        return message;
    }

    private DraftMessage draft(UUID accountId, DraftInput input, String messageId) {
        String from = mirror.accountAddress(accountId)
                .orElseThrow(() -> new CommandRefused(CommandRefused.Reason.NOT_FOUND, "account not found"));
        if (input.inReplyTo() != null && !MESSAGE_ID.matcher(input.inReplyTo()).matches()) {
            throw new CommandRefused(CommandRefused.Reason.INVALID, "inReplyTo", "must be a Message-ID such as <id@host>");
        }
        return new DraftMessage(from, input.to(), input.cc(), input.bcc(), input.subject(), input.textBody(),
                input.htmlBody(), input.inReplyTo(), messageId);
    }

    private String newMessageId(UUID accountId) {
        String address = mirror.accountAddress(accountId).orElse("");
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (!domain.matches("[A-Za-z0-9.-]{1,200}")) {
            domain = "mailsync.invalid";
        }
        return "<" + UUID.randomUUID() + ".mailsync@" + domain + ">";
    }
}
