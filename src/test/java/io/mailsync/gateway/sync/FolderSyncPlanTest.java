package io.mailsync.gateway.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.mailbox.ModSeq;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FolderSyncPlanTest {

    private static StoredFolder stored(Long validity, Long uidNext, Long modseq, Long below, long count) {
        return new StoredFolder(UUID.randomUUID(), "INBOX", "INBOX", '/', "inbox", true, UidValidity.known(validity),
                uidNext == null ? null : Uid.of(uidNext), modseq == null ? null : ModSeq.of(modseq),
                below == null ? null : Uid.of(below), count, null);
    }

    private static FolderStatus status(long messages, long uidNext, long validity, Long modseq) {
        return new FolderStatus(messages, Uid.of(uidNext), UidValidity.of(validity),
                modseq == null ? null : ModSeq.of(modseq), 0);
    }

    @Test
    void neverSyncedFolderStartsInitialSync() {
        assertEquals(FolderSyncPlan.INITIAL,
                FolderSyncPlan.decide(stored(null, null, null, null, 0), status(10, 11, 7, 5L), true, true));
    }

    @Test
    void interruptedInitialSyncResumes() {
        assertEquals(FolderSyncPlan.INITIAL,
                FolderSyncPlan.decide(stored(7L, 11L, 5L, 6L, 5), status(10, 11, 7, 5L), true, true));
    }

    @Test
    void changedUidValidityResetsTheFolderEvenDuringInitialSync() {
        assertEquals(FolderSyncPlan.RESET,
                FolderSyncPlan.decide(stored(7L, 11L, 5L, null, 10), status(10, 11, 8, 5L), true, true));
        assertEquals(FolderSyncPlan.RESET,
                FolderSyncPlan.decide(stored(7L, 11L, 5L, 6L, 4), status(10, 11, 8, 5L), false, false));
    }

    @Test
    void sameModseqUidNextAndCountMeansNothingChanged() {
        assertEquals(FolderSyncPlan.UNCHANGED,
                FolderSyncPlan.decide(stored(7L, 11L, 5L, null, 10), status(10, 11, 7, 5L), true, true));
    }

    @Test
    void higherModseqUsesQresyncWhenAdvertisedElseCondstore() {
        StoredFolder folder = stored(7L, 11L, 5L, null, 10);
        assertEquals(FolderSyncPlan.QRESYNC, FolderSyncPlan.decide(folder, status(10, 11, 7, 9L), true, true));
        assertEquals(FolderSyncPlan.CONDSTORE, FolderSyncPlan.decide(folder, status(10, 11, 7, 9L), true, false));
    }

    @Test
    void countMismatchWithSameModseqIsNotTakenForUnchanged() {
        assertEquals(FolderSyncPlan.CONDSTORE,
                FolderSyncPlan.decide(stored(7L, 11L, 5L, null, 9), status(10, 11, 7, 5L), true, false));
    }

    @Test
    void withoutCondstoreEveryPassDiffsFlags() {
        StoredFolder folder = stored(7L, 11L, null, null, 10);
        assertEquals(FolderSyncPlan.FLAGS_DIFF, FolderSyncPlan.decide(folder, status(10, 11, 7, null), false, false));
        assertEquals(FolderSyncPlan.FLAGS_DIFF, FolderSyncPlan.decide(folder, status(10, 11, 7, 5L), true, true),
                "no stored modseq yet: a full diff sets the baseline");
    }
}
