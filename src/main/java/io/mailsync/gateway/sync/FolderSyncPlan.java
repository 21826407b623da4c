package io.mailsync.gateway.sync;

/** What one folder needs in this pass, decided from the mirror's sync point and a fresh STATUS. */
public enum FolderSyncPlan {
    /** CONDSTORE says nothing changed: no SELECT, no FETCH. */
    UNCHANGED,
    /** First sync, or resuming one that was interrupted: walk UIDs downward in batches. */
    INITIAL,
    /** UIDVALIDITY changed: drop the folder's messages with one reset, then sync it afresh. */
    RESET,
    /** QRESYNC: reopen with the known modseq and get changed and vanished messages at once. */
    QRESYNC,
    /** CONDSTORE without QRESYNC: fetch what changed since the modseq; count to detect expunges. */
    CONDSTORE,
    /** No CONDSTORE: compare the whole UID and FLAGS list with the mirror's. */
    FLAGS_DIFF;

    /**
     * Chooses the cheapest safe way to bring the folder up to date.
     *
     * @param condstore the server advertises CONDSTORE
     * @param qresync   the server advertises QRESYNC
     */
    public static FolderSyncPlan decide(StoredFolder stored, FolderStatus upstream, boolean condstore, boolean qresync) {
        if (stored.uidValidity() == null) {
            return INITIAL;
        }
        if (!stored.uidValidity().equals(upstream.uidValidity())) {
            return RESET;
        }
        if (stored.initialSyncBelow() != null) {
            return INITIAL;
        }
        boolean modseqKnown = condstore && upstream.highestModseq() != null && stored.highestModseq() != null;
        if (!modseqKnown) {
            return FLAGS_DIFF;
        }
        boolean same = upstream.highestModseq().equals(stored.highestModseq())
                && upstream.uidNext().equals(stored.uidNext())
                && upstream.messages() == stored.messageCount();
        if (same) {
            return UNCHANGED;
        }
        return qresync ? QRESYNC : CONDSTORE;
    }
}
