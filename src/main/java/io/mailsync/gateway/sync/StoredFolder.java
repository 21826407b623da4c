package io.mailsync.gateway.sync;

import java.util.UUID;

/**
 * A mirrored folder and the sync point the mirror has committed for it. {@code uidValidity} is null
 * before the first sync; {@code initialSyncBelow} is non-null while the initial sync still walks down.
 */
public record StoredFolder(UUID id, String path, String name, Character delimiter, String role, boolean selectable,
                           Long uidValidity, Long uidNext, Long highestModseq, Long initialSyncBelow,
                           long messageCount, String lastError) {

    public boolean initialSyncDone() {
        return uidValidity != null && initialSyncBelow == null;
    }
}
