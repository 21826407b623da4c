package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.UUID;

/** A mirrored message a command acts on: where it lives upstream, its flags, and its current ETag. */
public record MessageTarget(UUID id, UUID folderId, String folderPath, Long uidValidity, String folderRole,
                            long uid, MessageFlags flags, String messageIdHeader, String tag) {

    public FolderRef folder() {
        return new FolderRef(folderPath, UidValidity.known(uidValidity));
    }
}
