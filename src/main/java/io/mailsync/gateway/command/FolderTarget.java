package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.UidValidity;
import java.util.UUID;

/** A mirrored folder a command acts on, with its current ETag. */
public record FolderTarget(UUID id, String path, String name, Character delimiter, String role, Long uidValidity,
                           boolean initialSyncDone, String tag) {

    public FolderRef ref() {
        return new FolderRef(path, UidValidity.known(uidValidity));
    }
}
