package io.mailsync.gateway.changes;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.events.OutboxBacklog;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes changes older than the retention and records, per account, the highest sequence deleted, so
 * that a cursor older than the retained log answers 410 rather than silently missing changes.
 */
@ApplicationScoped
public class ChangeRetention {

    private static final Logger LOG = Logger.getLogger(ChangeRetention.class);

    private final EntityManager em;
    private final MailsyncConfig config;
    private final OutboxBacklog outbox;

    ChangeRetention(EntityManager em, MailsyncConfig config, OutboxBacklog outbox) {
        this.em = em;
        this.config = config;
        this.outbox = outbox;
    }

    @Scheduled(every = "${mailsync.changes.retention-check}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        long deleted = purgeOlderThan(Instant.now().minus(config.changes().retention()));
        if (deleted > 0) {
            LOG.infof("change retention deleted %d changes older than %s", deleted, config.changes().retention());
        }
    }

    /**
     * Deletes, per account, every change up to the newest one created before {@code cutoff}, and raises the
     * account's horizon to it, in one statement. Per account, sequences follow commit order, so "up to the
     * newest expired one" never leaves a gap a cursor could fall into. Another condition on which entries may
     * go (e.g. only those already published) belongs in the {@code expired} part. Replicas take turns: the
     * one that does not get the lock skips the run.
     *
     * @return the number of changes deleted
     */
    @Transactional
    public long purgeOlderThan(Instant cutoff) {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext('mailsync.change-retention'))")
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        Number deleted = (Number) em.createNativeQuery("""
                        with expired as (
                            select account_id, max(seq) as through
                            from change_log
                            -- changes still waiting for Kafka stay, however old
                            where created_at < ?1 and (%s)
                            group by account_id
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
                        """.formatted(outbox.retentionCondition()))
                .setParameter(1, cutoff)
                .getSingleResult();
        return deleted.longValue();
    }
}
