package io.mailsync.gateway.sync.imap;

import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jboss.logging.Logger;

/**
 * Upstream connections for on-demand reads, per account: at most {@value #MAX_PER_ACCOUNT} at once
 * (servers refuse more connections per user, and a device prefetching twenty messages must not
 * lock the account out), and a connection that just served a read is kept a short while for the
 * next one instead of logging in again.
 */
@ApplicationScoped
public class ImapReadConnections {

    private static final Logger LOG = Logger.getLogger(ImapReadConnections.class);
    static final int MAX_PER_ACCOUNT = 3;
    static final Duration IDLE_CLOSE = Duration.ofSeconds(60);

    private final ImapSessions sessions;
    private final Duration wait;
    private final Map<UUID, Semaphore> permits = new ConcurrentHashMap<>();
    private final Map<UUID, Deque<Idle>> idle = new ConcurrentHashMap<>();

    public ImapReadConnections(ImapSessions sessions, MailsyncConfig config) {
        this.sessions = sessions;
        this.wait = config.upstream().timeout();
    }

    private record Idle(IMAPStore store, long since) {
    }

    /** A connection lent to one read; give it back with {@link #release}. */
    public final class Lease {
        private final UUID accountId;
        private final IMAPStore store;
        private boolean released;

        Lease(UUID accountId, IMAPStore store) {
            this.accountId = accountId;
            this.store = store;
        }

        public IMAPStore store() {
            return store;
        }

        /** Returns the connection; it is kept for the next read only when it is still sound. */
        public synchronized void release(boolean reusable) {
            if (released) {
                return;
            }
            released = true;
            try {
                if (reusable) {
                    idle.computeIfAbsent(accountId, id -> new ArrayDeque<>());
                    Deque<Idle> queue = idle.get(accountId);
                    synchronized (queue) {
                        queue.push(new Idle(store, System.nanoTime()));
                    }
                } else {
                    close(store);
                }
            } finally {
                permits.get(accountId).release();
            }
        }
    }

    /** Lends a connection to the account's server, waiting up to the upstream timeout for a free slot. */
    public Lease acquire(UUID accountId, UpstreamEndpoint endpoint, UpstreamLogin login) {
        Semaphore slots = permits.computeIfAbsent(accountId, id -> new Semaphore(MAX_PER_ACCOUNT, true));
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "the account already has "
                        + MAX_PER_ACCOUNT + " reads in progress upstream; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "the read was interrupted");
        }
        try {
            IMAPStore store = reuse(accountId);
            if (store == null) {
                store = sessions.connect(endpoint, login);
            }
            return new Lease(accountId, store);
        } catch (MessagingException e) {
            slots.release();
            throw UpstreamFailures.translate(e, endpoint, login);
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    private IMAPStore reuse(UUID accountId) {
        Deque<Idle> queue = idle.get(accountId);
        while (queue != null) {
            Idle candidate;
            synchronized (queue) {
                candidate = queue.poll();
            }
            if (candidate == null) {
                return null;
            }
            // isConnected() sends a NOOP: a connection the server dropped is found here, not mid-read
            if (candidate.store().isConnected()) {
                return candidate.store();
            }
            close(candidate.store());
        }
        return null;
    }

    /** Connections kept for the account right now (for tests and metrics). */
    public int idleCount(UUID accountId) {
        Deque<Idle> queue = idle.get(accountId);
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.size();
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        long limit = System.nanoTime() - IDLE_CLOSE.toNanos();
        for (Map.Entry<UUID, Deque<Idle>> entry : idle.entrySet()) {
            Deque<Idle> queue = entry.getValue();
            synchronized (queue) {
                // the oldest are at the tail
                while (!queue.isEmpty() && queue.peekLast().since() < limit) {
                    close(queue.pollLast().store());
                }
            }
        }
    }

    @PreDestroy
    void closeAll() {
        for (Deque<Idle> queue : idle.values()) {
            synchronized (queue) {
                queue.forEach(i -> close(i.store()));
                queue.clear();
            }
        }
    }

    private static void close(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debugf("closing an upstream read connection failed: %s", e.getClass().getSimpleName());
        }
    }
}
