package io.mailsync.gateway.sync.imap;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the gateway's connections to each upstream host, sync and IDLE alike, so that together they
 * never exceed {@code mailsync.upstream.max-connections-per-host}.
 */
@ApplicationScoped
public class HostConnectionLimit {

    private final MailsyncConfig config;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();

    public HostConnectionLimit(MailsyncConfig config) {
        this.config = config;
    }

    /**
     * Takes one connection slot towards the host, waiting at most the upstream timeout.
     *
     * @return what gives the slot back; running it more than once gives it back once
     */
    public Runnable acquire(String host) throws UpstreamException {
        String key = host.toLowerCase(Locale.ROOT);
        Semaphore permits = hosts.computeIfAbsent(key, h -> new Semaphore(max()));
        try {
            if (!permits.tryAcquire(config.upstream().timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE,
                        "connection limit for " + key + " reached, retrying later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "interrupted");
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
    }

    /**
     * Takes one connection slot towards the host only if one is free now: for connections the sync can do
     * without (its separate STATUS connection).
     *
     * @return what gives the slot back (once), or empty when the host's slots are all taken
     */
    public java.util.Optional<Runnable> tryAcquire(String host) {
        Semaphore permits = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Semaphore(max()));
        if (!permits.tryAcquire()) {
            return java.util.Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return java.util.Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        });
    }

    /** Connections held now towards a host (for metrics and tests). */
    public int held(String host) {
        Semaphore permits = hosts.get(host.toLowerCase(Locale.ROOT));
        return permits == null ? 0 : max() - permits.availablePermits();
    }

    /** Connections held now towards all hosts together (for metrics). */
    public int heldTotal() {
        int max = max();
        return hosts.values().stream().mapToInt(permits -> max - permits.availablePermits()).sum();
    }

    private int max() {
        return Math.max(1, config.upstream().maxConnectionsPerHost());
    }
}
