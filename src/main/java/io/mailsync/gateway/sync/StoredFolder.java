package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.ModSeq;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.UUID;

/**
 * A mirrored folder and the sync point the mirror has committed for it. {@code uidValidity} (and with it
 * {@code uidNext}) is null before the first sync, {@code highestModseq} while none is known;
 * {@code initialSyncBelow} is non-null while the initial sync still walks down.
 */
public record StoredFolder(UUID id, String path, String name, Character delimiter, String role, boolean selectable,
                           UidValidity uidValidity, Uid uidNext, ModSeq highestModseq, Uid initialSyncBelow,
                           long messageCount, String lastError) {

    public boolean initialSyncDone() {
        return uidValidity != null && initialSyncBelow == null;
    }
}
