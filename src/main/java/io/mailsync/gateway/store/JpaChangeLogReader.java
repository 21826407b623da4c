package io.mailsync.gateway.store;

import io.mailsync.gateway.mailbox.ChangeLogReader;
import io.mailsync.gateway.mailbox.CommittedChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/** The committed change log in PostgreSQL, read for the feed, the live streams and the Kafka relay alike. */
@ApplicationScoped
// a transaction also from the streams' and the relay's own threads, where no request context exists
@Transactional
public class JpaChangeLogReader implements ChangeLogReader {

    private final EntityManager em;
    private final MailboxQueries queries;

    JpaChangeLogReader(EntityManager em, MailboxQueries queries) {
        this.em = em;
        this.queries = queries;
    }

    @Override
    public List<CommittedChange> after(UUID accountId, long sequence, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, type, object_id, folder_id, origin, data, created_at"
                        + " from change_log where account_id = ?1 and seq > ?2 order by seq limit ?3")
                .setParameter(1, accountId).setParameter(2, sequence).setParameter(3, limit)
                .getResultList();
        List<CommittedChange> changes = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            changes.add(new CommittedChange(((Number) row[0]).longValue(), (String) row[1], (UUID) row[2],
                    (UUID) row[3], (String) row[4], (String) row[5], instant(row[6])));
        }
        return changes;
    }

    @Override
    public long purgedThrough(UUID accountId) {
        List<?> through = em.createNativeQuery("select purged_through from change_log_horizon where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return through.isEmpty() ? 0 : ((Number) through.get(0)).longValue();
    }

    @Override
    public OptionalLong lastSequence(UUID accountId) {
        return queries.changeSequence(accountId);
    }

    @Override
    public Set<UUID> accountsWithChangesBefore(Instant cutoff) {
        List<?> accounts = em.createNativeQuery("select distinct account_id from change_log where created_at < ?1")
                .setParameter(1, cutoff).getResultList();
        Set<UUID> ids = new HashSet<>();
        accounts.forEach(id -> ids.add((UUID) id));
        return ids;
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
