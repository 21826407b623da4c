package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.UUID;

/**
 * A mirrored message a command acts on: where it lives upstream (its folder's UIDVALIDITY is null before
 * the folder's first sync), its flags, and its current ETag.
 */
public record MessageTarget(UUID id, UUID folderId, String folderPath, UidValidity uidValidity, String folderRole,
                            Uid uid, MessageFlags flags, String messageIdHeader, String tag) {

    public FolderRef folder() {
        return new FolderRef(folderPath, uidValidity);
    }
}
