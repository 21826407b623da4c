package io.mailsync.gateway.mailbox;

import java.util.List;
import java.util.UUID;

/**
 * The per-account change log. Appending must happen inside the transaction that makes the change,
 * so that a change and its sequence number commit together or not at all.
 */
public interface ChangeLog {

    /** Appends the changes in order and returns the last sequence number given out (0 when none). */
    long append(UUID accountId, List<Change> changes);

    default long append(UUID accountId, Change change) {
        return append(accountId, List.of(change));
    }
}
