package io.mailsync.gateway.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Port: the per-account change log, its one writer. Appending must happen inside the transaction that makes
 * the change, so that a change and its sequence number commit together or not at all.
 */
public interface ChangeLog {

    /** Appends the changes in order and returns the last sequence number given out (0 when none). */
    long append(UUID accountId, List<Change> changes);

    default long append(UUID accountId, Change change) {
        return append(accountId, List.of(change));
    }

    /**
     * Deletes, for each account of {@code deletableThrough}, every change up to the newest one created before
     * {@code cutoff} whose sequence is at most the account's bound, and raises the account's horizon to it
     * ({@link ChangeLogReader#purgedThrough}). Per account, sequences follow commit order, so "up to the newest
     * expired one" never leaves a gap a cursor could fall into. Replicas take turns: where another replica is
     * purging at the same time, this one deletes nothing.
     *
     * @return the number of changes deleted
     */
    long purge(Instant cutoff, Map<UUID, Long> deletableThrough);
}
