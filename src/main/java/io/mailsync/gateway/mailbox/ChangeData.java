package io.mailsync.gateway.mailbox;

import java.util.Objects;
import java.util.UUID;

/**
 * What one change says beyond its object and folder, one record per kind of change. Devices, live
 * streams and Kafka consumers read it as the change's {@code data} object (openapi.yaml, asyncapi.yaml).
 */
public sealed interface ChangeData {

    /** The kind of change this data belongs to. */
    default ChangeType type() {
        return ChangeType.of(this);
    }

    /** A message appeared in the folder under this UID ({@code message.created}). */
    record MessageCreated(Uid uid) implements ChangeData {
        public MessageCreated {
            Objects.requireNonNull(uid, "uid");
        }
    }

    /** A message's flags or keywords changed; {@code flags} is its whole new state ({@code message.updated}). */
    record FlagsChanged(MessageFlags flags) implements ChangeData {
        public FlagsChanged {
            Objects.requireNonNull(flags, "flags");
        }
    }

    /** A message moved here from another folder and has this UID now ({@code message.moved}). */
    record MessageMoved(UUID fromFolderId, Uid uid) implements ChangeData {
        public MessageMoved {
            Objects.requireNonNull(fromFolderId, "fromFolderId");
            Objects.requireNonNull(uid, "uid");
        }
    }

    /** A message left the folder; {@code uid} is the UID it had there ({@code message.destroyed}). */
    record MessageDestroyed(Uid uid) implements ChangeData {
        public MessageDestroyed {
            Objects.requireNonNull(uid, "uid");
        }
    }

    /** A folder appeared; {@code role} is null for a folder without one ({@code folder.created}). */
    record FolderCreated(String path, FolderRole role) implements ChangeData {
        public FolderCreated {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A folder moved from {@code oldPath} to {@code path}, keeping its id and messages ({@code folder.renamed}). */
    record FolderRenamed(String path, String oldPath, FolderRole role) implements ChangeData {
        public FolderRenamed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(oldPath, "oldPath");
        }
    }

    /** A folder and its messages went; {@code path} is the path it had ({@code folder.destroyed}). */
    record FolderDestroyed(String path) implements ChangeData {
        public FolderDestroyed {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The folder's UIDVALIDITY changed: every message a device holds of it is void ({@code folder.reset}). */
    record FolderReset(UidValidity uidValidity) implements ChangeData {
        public FolderReset {
            Objects.requireNonNull(uidValidity, "uidValidity");
        }
    }

    /**
     * The account's sync state changed ({@code account.updated}); {@code state} is its wire name,
     * {@code lastError} is null when there is none.
     */
    record AccountUpdated(String state, String lastError) implements ChangeData {
        public AccountUpdated {
            Objects.requireNonNull(state, "state");
        }
    }
}
