package io.mailsync.gateway.observability;

import io.mailsync.gateway.sync.SyncMetrics;
import io.mailsync.gateway.upstream.HostConnectionLimit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The sync engine's figures in Micrometer: pass durations by outcome, and open IMAP connections. Registered at
 * start, so a dashboard shows zeros rather than gaps before the first pass.
 */
@Startup
@ApplicationScoped
public class MicrometerSyncMetrics implements SyncMetrics {

    private final Timer succeeded;
    private final Timer failed;

    MicrometerSyncMetrics(MeterRegistry registry, HostConnectionLimit connections) {
        this.succeeded = pass(registry, "ok");
        this.failed = pass(registry, "failed");
        Gauge.builder("mailsync.imap.connections", connections, HostConnectionLimit::heldTotal)
                .description("IMAP connections the sync engine holds open to upstream servers")
                .register(registry);
    }

    private static Timer pass(MeterRegistry registry, String outcome) {
        return Timer.builder("mailsync.sync.pass")
                .description("One account's sync pass: every folder checked, changes stored")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void passFinished(Duration took, boolean ok) {
        (ok ? succeeded : failed).record(took);
    }
}
