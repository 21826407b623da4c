package io.mailsync.gateway.events;

import io.mailsync.gateway.mailbox.ChangesCommitted;
import io.mailsync.gateway.sync.Backoff;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the relay on its own thread: right after every local commit of changes (low latency), at a fixed
 * interval otherwise (changes committed by other replicas, work left by a stopped one), and with capped
 * jittered backoff while Kafka is unreachable. Nothing on the API's or sync engine's path waits for it.
 */
@ApplicationScoped
public class OutboxRelayLoop {

    private static final Logger LOG = Logger.getLogger(OutboxRelayLoop.class);

    private final OutboxRelay relay;
    private final KafkaSettings settings;
    private final OutboxStatus status;
    private final OutboxMetrics metrics;
    private final Semaphore wake = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    OutboxRelayLoop(OutboxRelay relay, KafkaSettings settings, OutboxStatus status, OutboxMetrics metrics) {
        this.relay = relay;
        this.settings = settings;
        this.status = status;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent start) {
        if (!settings.events().enabled()) {
            LOG.info("Kafka change events are off (mailsync.events.enabled=false): changes stay in the change log");
            return;
        }
        if (settings.bootstrapServers().isEmpty()) {
            String message = "Kafka change events are held in the outbox: no broker address is configured. "
                    + "Set KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap.servers), or MAILSYNC_EVENTS_ENABLED=false "
                    + "to run without events.";
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                LOG.error(message);
            } else {
                LOG.warn(message);
            }
            status.failed("no Kafka broker address configured (kafka.bootstrap.servers)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        running = false;
        Thread current = thread;
        if (current != null) {
            wake.release();
            current.interrupt();
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A local commit added entries: publish them now rather than at the next interval. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangesCommitted committed) {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), settings.events().maxBackoff());
        while (running) {
            OutboxRelay.Pass pass;
            String failure;
            try {
                pass = relay.publishOnce();
                failure = pass.failure() == null ? null : describe(pass.failure());
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                pass = null;
                failure = describe(e);
            }
            if (pass != null) {
                metrics.published(pass.published(), pass.deadLettered());
            }
            if (failure == null) {
                if (status.succeeded(pass.published() > 0)) {
                    LOG.info("Kafka takes change events again: the outbox is publishing");
                }
                if (!pass.moreWaiting()) {
                    pause(settings.events().interval(), true);
                }
            } else {
                int failures = status.failed(failure);
                if (failures == 1) {
                    LOG.warnf("Change events wait in the outbox, Kafka did not take them: %s", failure);
                }
                pause(backoff.delay(failures, ThreadLocalRandom.current()), false);
            }
        }
    }

    private void pause(Duration duration, boolean wakeOnCommit) {
        try {
            if (wakeOnCommit) {
                wake.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } else {
                Thread.sleep(Math.max(1, duration.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
