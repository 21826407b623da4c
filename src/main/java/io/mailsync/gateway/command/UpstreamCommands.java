package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UpstreamException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Port: the writes a device's command makes on the account's upstream IMAP server, each over UID sets
 * so that a batch costs a few commands per folder. Every method either did its work upstream or throws
 * an {@link UpstreamException} (refused, timed out) or a {@link CommandRefused} (e.g. the folder was
 * reset); nothing is half done from the caller's point of view except where noted.
 */
public interface UpstreamCommands {

    /** Changes flags and keywords; answers the flags each UID has afterwards (UIDs gone upstream are absent). */
    Map<Uid, MessageFlags> store(UUID accountId, FolderRef folder, Collection<Uid> uids, FlagChange change);

    /** Moves messages (MOVE, or COPY + UID EXPUNGE); answers which moved and their new UIDs. */
    MoveResult move(UUID accountId, FolderRef from, Collection<Uid> uids, FolderRef to);

    /** Marks \Deleted and expunges exactly these UIDs (UID EXPUNGE); answers those that were there. */
    Set<Uid> expunge(UUID accountId, FolderRef folder, Collection<Uid> uids);

    /** Creates a folder; answers the server's hierarchy delimiter (null when flat). */
    Character createFolder(UUID accountId, String path);

    /** The server's hierarchy delimiter (null when flat). */
    Character delimiter(UUID accountId);

    void renameFolder(UUID accountId, String from, String to);

    void deleteFolder(UUID accountId, String path);

    /** Builds the MIME message and appends it with \Draft and \Seen. */
    Appended appendDraft(UUID accountId, FolderRef drafts, DraftMessage draft);

    /** Appends raw RFC 5322 bytes (e.g. the sent copy) with \Seen. */
    Appended appendRaw(UUID accountId, FolderRef folder, byte[] rfc822);

    /** The message with this Message-ID in the folder, if the server holds one. */
    Optional<MessageMeta> findByMessageId(UUID accountId, FolderRef folder, String messageId);

    /** The raw message, bounded in size ({@link CommandRefused} when larger). */
    byte[] read(UUID accountId, FolderRef folder, Uid uid, int maxBytes);
}
