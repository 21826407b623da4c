package io.mailsync.gateway.upstream;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the gateway's connections to each upstream host, sync and IDLE alike, so that together they
 * never exceed {@code mailsync.upstream.max-connections-per-host}. Connections that stay open for long
 * (IDLE watches, sync connections kept between passes) only take a slot while more than a reserve (one per
 * sync worker) is free: when many accounts share a host, passes always find a slot, and the accounts
 * beyond what the limit allows are polled over short-lived connections instead of being starved.
 */
@ApplicationScoped
public class HostConnectionLimit {

    private final int max;
    private final int reserve;
    private final Duration wait;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();

    @Inject
    public HostConnectionLimit(MailsyncConfig config) {
        this(config.upstream().maxConnectionsPerHost(), config.sync().workers(), config.upstream().timeout());
    }

    /**
     * @param max     connections per host
     * @param reserve slots per host that only short-lived work may take (capped at {@code max})
     * @param wait    how long short-lived work waits for a slot
     */
    HostConnectionLimit(int max, int reserve, Duration wait) {
        this.max = Math.max(1, max);
        this.reserve = Math.max(0, Math.min(reserve, this.max));
        this.wait = wait;
    }

    /**
     * Takes one connection slot towards the host for work that must happen now (a pass, a submission),
     * waiting at most the upstream timeout.
     *
     * @return what gives the slot back; running it more than once gives it back once
     */
    public Runnable acquire(String host) throws UpstreamException {
        Semaphore permits = permits(host);
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE,
                        "connection limit for " + key(host) + " reached, retrying later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "interrupted");
        }
        return releaser(permits);
    }

    /**
     * Takes a slot for a connection that stays open for long (an IDLE watch), at once and only when more
     * than the reserve is free; never waits.
     *
     * @throws UpstreamException UNAVAILABLE when the host's slots are needed for passes
     */
    public Runnable acquireLongLived(String host) throws UpstreamException {
        Semaphore permits = permits(host);
        // take, then check: two takers at once never both get the last slot above the reserve
        if (permits.tryAcquire()) {
            if (permits.availablePermits() >= reserve) {
                return releaser(permits);
            }
            permits.release();
        }
        throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "connection limit for " + key(host)
                + " leaves no room for a long-lived connection; polling instead");
    }

    /** Whether a connection holding a slot towards the host may stay open after its work: the reserve stays free. */
    public boolean roomToKeep(String host) {
        return permits(host).availablePermits() >= reserve;
    }

    /** Connections held now towards a host (for metrics and tests). */
    public int held(String host) {
        Semaphore permits = hosts.get(key(host));
        return permits == null ? 0 : max - permits.availablePermits();
    }

    /** Connections held now towards all hosts together (for metrics). */
    public int heldTotal() {
        return hosts.values().stream().mapToInt(permits -> max - permits.availablePermits()).sum();
    }

    private Semaphore permits(String host) {
        return hosts.computeIfAbsent(key(host), h -> new Semaphore(max));
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }

    private static Runnable releaser(Semaphore permits) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
    }

    /**
     * Takes one slot for a connection the sync can do without (its separate STATUS connection), on the same
     * terms as a long-lived one: at once, and only while the reserve for passes stays free.
     *
     * @return what gives the slot back (once), or empty when the host's slots are needed elsewhere
     */
    public java.util.Optional<Runnable> tryAcquire(String host) {
        try {
            return java.util.Optional.of(acquireLongLived(host));
        } catch (UpstreamException e) {
            return java.util.Optional.empty();
        }
    }
}
