package io.mailsync.gateway.changes;

import io.mailsync.gateway.store.MailboxQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Reads an account's change log after a cursor, for the changes feed and the live stream. Every read
 * goes to the table, so a repeated or late read never skips nor repeats an entry.
 */
@ApplicationScoped
// a transaction also from the stream's own threads, where no request context exists
@Transactional
public class ChangeFeed {

    private final EntityManager em;
    private final MailboxQueries queries;

    ChangeFeed(EntityManager em, MailboxQueries queries) {
        this.em = em;
        this.queries = queries;
    }

    /**
     * Up to {@code limit} changes after {@code after}, in order.
     *
     * @throws CursorExpired if retention has deleted changes after that cursor
     */
    public ChangePage after(ChangeCursor after, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, type, object_id, folder_id, origin, data, created_at"
                        + " from change_log where account_id = ?1 and seq > ?2 order by seq limit ?3")
                .setParameter(1, after.accountId()).setParameter(2, after.sequence()).setParameter(3, limit + 1)
                .getResultList();
        // read after the entries: a purge committed in between is seen here and answered as expired
        if (after.sequence() < purgedThrough(after.accountId())) {
            throw new CursorExpired();
        }
        boolean hasMore = rows.size() > limit;
        List<ChangeEntry> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (Object[] row : rows.subList(0, Math.min(rows.size(), limit))) {
            items.add(new ChangeEntry(((Number) row[0]).longValue(), (String) row[1], (UUID) row[2], (UUID) row[3],
                    (String) row[4], (String) row[5], instant(row[6])));
        }
        long last = items.isEmpty() ? after.sequence() : items.get(items.size() - 1).sequence();
        return new ChangePage(items, new ChangeCursor(after.accountId(), last), hasMore);
    }

    /** The start of the retained log: a cursor before every change still kept, or empty for no such account. */
    public Optional<ChangeCursor> oldest(UUID accountId) {
        if (!exists(accountId)) {
            return Optional.empty();
        }
        return Optional.of(new ChangeCursor(accountId, purgedThrough(accountId)));
    }

    /** The account's latest change: a cursor after every change committed so far, or empty for no such account. */
    public Optional<ChangeCursor> latest(UUID accountId) {
        OptionalLong sequence = queries.changeSequence(accountId);
        return sequence.isPresent() ? Optional.of(new ChangeCursor(accountId, sequence.getAsLong())) : Optional.empty();
    }

    public boolean exists(UUID accountId) {
        return !em.createNativeQuery("select 1 from account where id = ?1")
                .setParameter(1, accountId).getResultList().isEmpty();
    }

    private long purgedThrough(UUID accountId) {
        List<?> through = em.createNativeQuery("select purged_through from change_log_horizon where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return through.isEmpty() ? 0 : ((Number) through.get(0)).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
