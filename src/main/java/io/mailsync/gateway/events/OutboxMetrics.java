package io.mailsync.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Outbox meters, low cardinality (no per-account tags): the backlog waiting for Kafka, events published,
 * events dead-lettered. The backlog is counted on a schedule, never inside a scrape.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private final OutboxBacklog backlog;
    private final AtomicLong waiting = new AtomicLong();
    private final Counter published;
    private final Counter deadLettered;

    OutboxMetrics(MeterRegistry registry, OutboxBacklog backlog) {
        this.backlog = backlog;
        registry.gauge("mailsync.outbox.backlog", waiting);
        this.published = Counter.builder("mailsync.outbox.published")
                .description("change events acknowledged by Kafka").register(registry);
        this.deadLettered = Counter.builder("mailsync.outbox.dead.letters")
                .description("change events that could never be published").register(registry);
    }

    void published(int events, int dead) {
        published.increment(events);
        deadLettered.increment(dead);
    }

    /** The last counted backlog. */
    public long backlog() {
        return waiting.get();
    }

    @Scheduled(every = "${mailsync.events.backlog-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            waiting.set(backlog.count());
        } catch (Exception e) {
            LOG.debugf("outbox backlog not counted: %s", e.getMessage());
        }
    }
}
