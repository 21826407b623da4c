package io.mailsync.gateway.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.ChangesCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The change log in PostgreSQL, its one writer. Numbers come from the account row, whose update lock also
 * keeps concurrent writers of one account in commit order.
 */
@ApplicationScoped
public class JpaChangeLog implements ChangeLog {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<ChangesCommitted> committed;

    JpaChangeLog(EntityManager em, ObjectMapper json, Event<ChangesCommitted> committed) {
        this.em = em;
        this.json = json;
        this.committed = committed;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(UUID accountId, List<Change> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        Number last = (Number) em.createNativeQuery(
                        "update account set change_seq = change_seq + ?1 where id = ?2 returning change_seq")
                .setParameter(1, changes.size())
                .setParameter(2, accountId)
                .getSingleResult();
        long seq = last.longValue() - changes.size();
        Instant now = Instant.now();
        for (Change change : changes) {
            ChangeLogEntry entry = new ChangeLogEntry();
            entry.key = new ChangeLogEntry.Key(accountId, ++seq);
            entry.type = change.type().wireName();
            entry.objectId = change.objectId();
            entry.folderId = change.folderId();
            entry.origin = change.origin().value();
            entry.data = ChangeDataJson.write(json, change.data());
            entry.createdAt = now;
            em.persist(entry);
        }
        // observers declared with during = AFTER_SUCCESS hear of it once the transaction has committed
        committed.fire(new ChangesCommitted(accountId, seq));
        return seq;
    }

    @Override
    @Transactional
    public long purge(Instant cutoff, Map<UUID, Long> deletableThrough) {
        if (deletableThrough.isEmpty()) {
            return 0;
        }
        Boolean locked = (Boolean) em.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtext('mailsync.change-retention'))")
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<UUID> accounts = new ArrayList<>(deletableThrough.keySet());
        Long[] bounds = accounts.stream().map(deletableThrough::get).toArray(Long[]::new);
        Number deleted = (Number) em.createNativeQuery("""
                        with bound as (
                            select * from unnest(cast(?2 as uuid[]), cast(?3 as bigint[])) as b (account_id, through)
                        ), expired as (
                            select c.account_id, max(c.seq) as through
                            from change_log c join bound b on b.account_id = c.account_id
                            where c.created_at < ?1 and c.seq <= b.through
                            group by c.account_id
                        ), deleted as (
                            delete from change_log c using expired e
                            where c.account_id = e.account_id and c.seq <= e.through
                            returning c.account_id, c.seq
                        ), horizon as (
                            insert into change_log_horizon (account_id, purged_through)
                            select account_id, max(seq) from deleted group by account_id
                            on conflict (account_id) do update
                                set purged_through = greatest(change_log_horizon.purged_through, excluded.purged_through)
                            returning 1
                        )
                        -- PostgreSQL runs every data-modifying part of a WITH to completion, read or not
                        select count(*) from deleted
                        """)
                .setParameter(1, cutoff)
                .setParameter(2, accounts.toArray(UUID[]::new))
                .setParameter(3, bounds)
                .getSingleResult();
        return deleted.longValue();
    }
}
