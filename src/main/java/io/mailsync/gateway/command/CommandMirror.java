package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: what commands read from and write to the mirror. Every {@code record…} method is one transaction
 * that changes rows to the state upstream now has and appends the change-log entries with the command's
 * origin, so that the sync engine finds nothing new when it looks.
 */
public interface CommandMirror {

    Optional<MessageTarget> message(UUID accountId, UUID messageId);

    /** A message with its summary and tag, as a command answers it; empty when it is not the account's. */
    Optional<StoredMessage> stored(UUID accountId, UUID messageId);

    /** The account's own address (the From of its drafts); empty when the account is gone. */
    Optional<String> accountAddress(UUID accountId);

    /** Those of the ids that are messages of the account (others are absent). */
    List<MessageTarget> messages(UUID accountId, Collection<UUID> messageIds);

    Optional<FolderTarget> folder(UUID accountId, UUID folderId);

    Optional<FolderTarget> folderByRole(UUID accountId, String role);

    List<FolderTarget> folders(UUID accountId);

    /** Sets the flags of these UIDs, each a change the command decided ({@code message.updated}). */
    void recordFlags(UUID accountId, UUID folderId, Map<Uid, MessageFlags> flags, Origin origin);

    /**
     * {@link #recordFlags} for one message: answers it as the transaction left it (its summary and tag), from the
     * row just written rather than by reading it again.
     */
    Optional<StoredMessage> recordFlags(UUID accountId, MessageTarget message, Map<Uid, MessageFlags> flags,
                                        Origin origin);

    /**
     * Moves rows to the target folder with their new UIDs, keeping their ids ({@code message.moved});
     * moved UIDs without a new UID (or a target whose UIDVALIDITY the mirror does not hold) are removed
     * ({@code message.destroyed}) and left to the sync engine to find in the target.
     */
    void recordMove(UUID accountId, UUID fromFolderId, UUID toFolderId, MoveResult result, Origin origin);

    /**
     * {@link #recordMove} for one message: answers it as the transaction left it, from the row just written;
     * empty when the mirror removed it (the sync engine will find it in the target).
     */
    Optional<StoredMessage> recordMove(UUID accountId, MessageTarget message, UUID toFolderId, MoveResult result,
                                       Origin origin);

    /** Removes these UIDs' rows ({@code message.destroyed}). */
    void recordExpunged(UUID accountId, UUID folderId, Collection<Uid> uids, Origin origin);

    /** Adds a folder ({@code folder.created}); answers its id. */
    UUID recordFolderCreated(UUID accountId, String path, String name, Character delimiter, Origin origin);

    /** Renames a folder and the folders below it ({@code folder.renamed} each). */
    void recordFolderRenamed(UUID accountId, UUID folderId, String newPath, String newName, Origin origin);

    /** Removes a folder and its messages ({@code folder.destroyed}). */
    void recordFolderDeleted(UUID accountId, UUID folderId, Origin origin);

    /**
     * Adds an appended message ({@code message.created}) when the folder is in sync with that
     * UIDVALIDITY and the row is not there yet; answers its id, or empty when left to the sync engine (also when
     * {@code uidValidity} is null: the server told none).
     */
    Optional<UUID> recordAppended(UUID accountId, UUID folderId, UidValidity uidValidity, MessageMeta meta,
                                  Origin origin);
}
