package io.mailsync.gateway.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Port: the one reader of committed changes, shared by the changes feed, the live streams and the Kafka
 * relay. Every read goes to the log itself, so a repeated or late read never skips nor repeats an entry.
 */
public interface ChangeLogReader {

    /** Up to {@code limit} committed changes of the account with a sequence above {@code sequence}, in order. */
    List<CommittedChange> after(UUID accountId, long sequence, int limit);

    /** The highest sequence retention has deleted for the account (0 when none). */
    long purgedThrough(UUID accountId);

    /** The account's last sequence given out (0 before its first change), or empty for no such account. */
    OptionalLong lastSequence(UUID accountId);

    /** The accounts that hold changes created before {@code cutoff}. */
    Set<UUID> accountsWithChangesBefore(Instant cutoff);
}
