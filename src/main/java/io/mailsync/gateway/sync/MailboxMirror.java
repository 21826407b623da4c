package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.Uid;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Port: the write side of the mailbox mirror. Each method is one transaction that writes the state and
 * its change-log entries together. The sync decides what differs from the stored state (so that a state a
 * device already recorded is not reported again when the poller sees it upstream); the mirror writes and
 * logs what it is given.
 */
public interface MailboxMirror {

    /** The account's folders with their committed sync points and message counts. */
    List<StoredFolder> folders(UUID accountId);

    /** Adds a folder upstream created ({@code folder.created}). */
    StoredFolder createFolder(UUID accountId, ListedFolder folder, Origin origin);

    /** Moves a folder to its new path, keeping its id and messages ({@code folder.renamed}). */
    void renameFolder(UUID accountId, UUID folderId, ListedFolder now, Origin origin);

    /** Updates role, name and selectability without logging a change (they are not client-visible state changes). */
    void updateFolderAttributes(UUID accountId, UUID folderId, ListedFolder now);

    /** Removes a folder and its messages ({@code folder.destroyed}, none per message). */
    void deleteFolder(UUID accountId, UUID folderId, Origin origin);

    /**
     * UIDVALIDITY changed: drops the folder's messages with one {@code folder.reset} and starts its
     * initial sync below {@code now.uidNext()}.
     */
    void resetFolder(UUID accountId, UUID folderId, FolderStatus now, Origin origin);

    /** Records the sync point an initial sync starts from; messages will be walked below its UIDNEXT. */
    void beginInitialSync(UUID accountId, UUID folderId, FolderStatus now);

    /**
     * Stores one initial-sync batch ({@code message.created} each) and moves the resume point to
     * {@code nextBelow} in the same transaction; null marks the initial sync complete.
     */
    void storeInitialBatch(UUID accountId, UUID folderId, List<MessageMeta> batch, Uid nextBelow);

    /** UID→flags of every stored message of the folder. */
    Map<Uid, MessageFlags> flags(UUID folderId);

    /** UID→flags of those of these UIDs the mirror holds. */
    Map<Uid, MessageFlags> flags(UUID folderId, Collection<Uid> uids);

    /**
     * Applies upstream changes in one transaction: inserts {@code added} ({@code message.created} each), sets
     * {@code flags}, which differ from the stored ones ({@code message.updated} each), removes {@code vanished}
     * ({@code message.destroyed} each); then, when {@code syncPoint} is given, records it (UIDNEXT,
     * HIGHESTMODSEQ) in the same transaction, never before the changes it covers. UIDs the mirror does not
     * hold are passed over.
     */
    void applyChanges(UUID accountId, UUID folderId, List<MessageMeta> added, Map<Uid, MessageFlags> flags,
                      Collection<Uid> vanished, FolderStatus syncPoint, Origin origin);

    /** Records (or with null clears) the reason a folder could not be synced. */
    void recordFolderError(UUID folderId, String error);
}
