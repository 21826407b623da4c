package io.mailsync.gateway.changes;

import io.mailsync.gateway.mailbox.ChangeLogReader;
import io.mailsync.gateway.mailbox.CommittedChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An account's change log after a cursor, for the changes feed and the live stream: the log's committed
 * entries, and whether retention has already deleted some of those a cursor still waits for.
 */
@ApplicationScoped
// a transaction also from the stream's own threads, where no request context exists
@Transactional
public class ChangeFeed {

    private final ChangeLogReader log;

    ChangeFeed(ChangeLogReader log) {
        this.log = log;
    }

    /**
     * Up to {@code limit} changes after {@code after}, in order.
     *
     * @throws CursorExpired if retention has deleted changes after that cursor
     */
    public ChangePage after(ChangeCursor after, int limit) {
        List<CommittedChange> read = log.after(after.accountId(), after.sequence(), limit + 1);
        // read after the entries: a purge committed in between is seen here and answered as expired
        if (after.sequence() < log.purgedThrough(after.accountId())) {
            throw new CursorExpired();
        }
        boolean hasMore = read.size() > limit;
        List<CommittedChange> items = List.copyOf(read.subList(0, Math.min(read.size(), limit)));
        long last = items.isEmpty() ? after.sequence() : items.get(items.size() - 1).sequence();
        return new ChangePage(items, new ChangeCursor(after.accountId(), last), hasMore);
    }

    /** The start of the retained log: a cursor before every change still kept, or empty for no such account. */
    public Optional<ChangeCursor> oldest(UUID accountId) {
        if (!exists(accountId)) {
            return Optional.empty();
        }
        return Optional.of(new ChangeCursor(accountId, log.purgedThrough(accountId)));
    }

    /** The account's latest change: a cursor after every change committed so far, or empty for no such account. */
    public Optional<ChangeCursor> latest(UUID accountId) {
        OptionalLong sequence = log.lastSequence(accountId);
        return sequence.isPresent() ? Optional.of(new ChangeCursor(accountId, sequence.getAsLong())) : Optional.empty();
    }

    public boolean exists(UUID accountId) {
        return log.lastSequence(accountId).isPresent();
    }
}
