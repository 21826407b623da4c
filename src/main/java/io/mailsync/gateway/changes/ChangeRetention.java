package io.mailsync.gateway.changes;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.ChangeLogReader;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletes changes older than the retention and records, per account, the highest sequence deleted, so
 * that a cursor older than the retained log answers 410 rather than silently missing changes. Changes
 * still waiting for delivery to Kafka stay, however old.
 */
@ApplicationScoped
public class ChangeRetention {

    private static final Logger LOG = Logger.getLogger(ChangeRetention.class);

    private final ChangeLogReader reader;
    private final ChangeLog log;
    private final ChangeDelivery delivery;
    private final MailsyncConfig config;

    ChangeRetention(ChangeLogReader reader, ChangeLog log, ChangeDelivery delivery, MailsyncConfig config) {
        this.reader = reader;
        this.log = log;
        this.delivery = delivery;
        this.config = config;
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
     * Deletes, per account, every change up to the newest one created before {@code cutoff} that is no longer
     * waiting for delivery, and raises the account's horizon to it ({@link ChangeLog#purge}). Replicas take
     * turns: the one that finds another purging skips the run.
     *
     * @return the number of changes deleted
     */
    @Transactional
    public long purgeOlderThan(Instant cutoff) {
        Set<UUID> expired = reader.accountsWithChangesBefore(cutoff);
        if (expired.isEmpty()) {
            return 0;
        }
        return log.purge(cutoff, delivery.deliveredThrough(expired));
    }
}
