package io.mailsync.gateway.observability;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.store.AccountStatistics;
import io.mailsync.gateway.sync.SyncEngine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Account figures for metrics and readiness, read from the database on a schedule so that a scrape or a
 * probe never waits for it. Gauges count the accounts this replica syncs, so that a sum over replicas
 * counts each account once; readiness reports the whole deployment.
 */
@ApplicationScoped
public class AccountFigures {

    private static final Logger LOG = Logger.getLogger(AccountFigures.class);

    private final AccountStatistics statistics;
    private final SyncEngine engine;
    private volatile AccountStatistics.Figures held = new AccountStatistics.Figures(Map.of(), 0);
    private volatile AccountStatistics.Figures all = new AccountStatistics.Figures(Map.of(), 0);
    private volatile boolean read;

    AccountFigures(AccountStatistics statistics, SyncEngine engine, MeterRegistry registry) {
        this.statistics = statistics;
        this.engine = engine;
        Map<AccountState, Gauge> gauges = new EnumMap<>(AccountState.class);
        for (AccountState state : AccountState.values()) {
            gauges.put(state, Gauge.builder("mailsync.accounts", this, f -> f.held.count(state))
                    .description("Accounts this replica syncs, by sync state")
                    .tag("state", state.wireName())
                    .register(registry));
        }
        Gauge.builder("mailsync.sync.lag", this, f -> f.held.oldestSuccessAgeSeconds())
                .description("Time since the least recently synced account of this replica was last in sync")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "${mailsync.observability.refresh:10S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            held = statistics.heldBy(engine.instanceId());
            all = statistics.all();
            read = true;
        } catch (RuntimeException e) {
            LOG.debugf("account figures not refreshed: %s", e.getMessage());
        }
    }

    /** Every account of the deployment, as last read; empty until the first read. */
    public AccountStatistics.Figures all() {
        return all;
    }

    /** Whether the figures were read at least once. */
    public boolean read() {
        return read;
    }
}
