package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.UidValidity;
import java.util.UUID;

/** A mirrored folder a command acts on (its UIDVALIDITY is null before its first sync), with its current ETag. */
public record FolderTarget(UUID id, String path, String name, Character delimiter, String role,
                           UidValidity uidValidity, boolean initialSyncDone, String tag) {

    public FolderRef ref() {
        return new FolderRef(path, uidValidity);
    }
}
