package io.mailsync.gateway.mailbox;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Port: an account's mail as one caller reads and changes it through the message and folder endpoints. Most
 * callers see the account's shared mirror; a caller with mail of its own (a device in POP3 mode and its maildrop)
 * sees that instead, in the same shapes. The endpoints ask the caller's view and never which model is behind it.
 *
 * <p>A request the view cannot do is a {@link MailboxRefused} (not found names what is missing: account, folder
 * or message); a server that cannot serve is an {@link UpstreamException}, a message gone there a
 * {@link MessageUnavailableException}. {@code ifMatch} is an If-Match header value, or null to change regardless.
 */
public interface MailboxView {

    /** The folders, INBOX first, with the counts this caller sees. */
    List<FolderSummary> folders();

    /** One folder with its counts; its tag names the folder, not its counts. */
    TaggedFolder folder(UUID folderId);

    /**
     * The version of the mail a message list is read at now: the account's change sequence, which moves on with
     * every change. Empty when this view's lists have no such version: they are then neither tagged nor kept.
     */
    OptionalLong listVersion();

    /** One page of messages, newest first. */
    MessagePage messages(MessageQuery query);

    /** A message's summary and tag, as a detail's ETag needs them before anything is fetched. */
    StoredMessage message(UUID messageId);

    /** The headers, bodies and attachment list of a message that {@link #message} gave. */
    MessageContent content(StoredMessage message);

    /** The whole message (message/rfc822), ready to stream. */
    MessageDownload raw(UUID messageId);

    /** One attachment of a message, decoded, ready to stream. */
    MessageDownload attachment(UUID messageId, String attachmentId);

    /** Changes a message's flags, keywords or folder; answers it as the change left it. */
    StoredMessage update(UUID messageId, MessageChange change, String ifMatch);

    /** Deletes a message: to Trash, or for good with {@code permanent} where the view has a Trash. */
    void delete(UUID messageId, boolean permanent, String ifMatch);

    /** One change, or a delete, on many messages; the outcome of each in request order. */
    BatchResult batch(List<UUID> messageIds, MessageChange change, boolean delete, boolean permanent);

    /** How this caller changes the account's folders; refused (conflict) when its filing stays its own. */
    FolderChanges folderChanges();

    /** A folder with its ETag, as a single-folder read and folder changes answer it. */
    record TaggedFolder(FolderSummary folder, String tag) {
    }

    /**
     * A change as the caller asks it: {@code seen} and {@code flagged} set or clear when not null; {@code keywords}
     * replaces the keyword set, {@code addKeywords} and {@code removeKeywords} change it; {@code folderId} moves the
     * message after the flag changes. Each view checks what it can keep.
     */
    record MessageChange(Boolean seen, Boolean flagged, List<String> keywords, List<String> addKeywords,
                         List<String> removeKeywords, UUID folderId) {
    }

    /** Changes of the account's folders, each written through upstream first. */
    interface FolderChanges {

        /** Creates a folder under {@code parentId} (null: at the top); answers it. */
        TaggedFolder create(String name, UUID parentId);

        /** Renames a folder, keeping its id and its subfolders' ids; answers it as it is now. */
        TaggedFolder rename(UUID folderId, String name, String ifMatch);

        /** Deletes a folder and its messages. */
        void delete(UUID folderId, String ifMatch);
    }

    /** Opens the shared mirror's view of an account for a caller whose changes carry {@code origin}. */
    interface SharedMirror {
        MailboxView of(UUID accountId, Origin origin);
    }
}
