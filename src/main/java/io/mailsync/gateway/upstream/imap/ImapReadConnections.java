package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.account.AccountRemoved;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.upstream.ImapSessions;
import io.mailsync.gateway.upstream.UpstreamFailures;
import io.mailsync.gateway.upstream.UpstreamSessions;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jboss.logging.Logger;

/**
 * Upstream connections for on-demand reads, per account: at most {@value #MAX_PER_ACCOUNT} at once
 * (servers refuse more connections per user, and a device prefetching twenty messages must not
 * lock the account out), and a connection that just served a read is kept a short while for the
 * next one instead of logging in again. An account has an entry here only while a read is under way or a
 * connection is kept for it: a long-running replica keeps nothing for accounts it no longer reads (removed,
 * or read through other replicas), and a removed account's kept connections are closed at once.
 */
@ApplicationScoped
public class ImapReadConnections {

    private static final Logger LOG = Logger.getLogger(ImapReadConnections.class);
    static final int MAX_PER_ACCOUNT = 3;
    static final Duration IDLE_CLOSE = Duration.ofSeconds(60);

    private final ImapSessions sessions;
    private final Duration wait;
    private final Map<UUID, AccountReads> reads = new ConcurrentHashMap<>();

    public ImapReadConnections(ImapSessions sessions, MailsyncConfig config) {
        this.sessions = sessions;
        this.wait = config.upstream().timeout();
    }

    private record Idle(IMAPStore store, long since) {
    }

    /**
     * One account's reads: its slots, the connections kept for it (newest first) and how many reads are under
     * way or waiting for a slot. {@code users} and {@code removed} change, and connections are kept, only inside
     * the map's atomic compute for the account, which is what makes dropping an unused entry safe; a read under
     * way takes a kept connection without it, which is safe because its entry cannot go while it counts.
     */
    private static final class AccountReads {
        final Semaphore slots = new Semaphore(MAX_PER_ACCOUNT, true);
        final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
        int users;
        /** The account was removed: connections given back are closed, not kept. */
        boolean removed;

        boolean unused() {
            return users == 0 && idle.isEmpty();
        }
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
            boolean[] kept = new boolean[1];
            try {
                reads.computeIfPresent(accountId, (id, account) -> {
                    if (reusable && !account.removed) {
                        account.idle.push(new Idle(store, System.nanoTime()));
                        kept[0] = true;
                    }
                    account.slots.release();
                    account.users--;
                    return account.unused() ? null : account;
                });
            } finally {
                if (!kept[0]) {
                    close(store);
                }
            }
        }
    }

    /** Lends a connection to the account's server, waiting up to the upstream timeout for a free slot. */
    public Lease acquire(UUID accountId, UpstreamEndpoint endpoint, UpstreamLogin login) {
        AccountReads account = reads.compute(accountId, (id, known) -> {
            AccountReads used = known == null ? new AccountReads() : known;
            used.users++;
            return used;
        });
        boolean slot = false;
        Lease lease = null;
        try {
            try {
                slot = account.slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "the read was interrupted");
            }
            if (!slot) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "the account already has "
                        + MAX_PER_ACCOUNT + " reads in progress upstream; retry shortly");
            }
            IMAPStore store = reuse(account);
            if (store == null) {
                store = sessions.connect(endpoint, login);
            }
            lease = new Lease(accountId, store);
            return lease;
        } catch (MessagingException e) {
            throw UpstreamFailures.translate(e, endpoint, login);
        } finally {
            if (lease == null) {
                boolean gotSlot = slot;
                reads.computeIfPresent(accountId, (id, known) -> {
                    if (gotSlot) {
                        known.slots.release();
                    }
                    known.users--;
                    return known.unused() ? null : known;
                });
            }
        }
    }

    private static IMAPStore reuse(AccountReads account) {
        Idle candidate;
        while ((candidate = account.idle.poll()) != null) {
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
        AccountReads account = reads.get(accountId);
        return account == null ? 0 : account.idle.size();
    }

    /** Whether the account has an entry here (a read under way or a kept connection). */
    boolean tracks(UUID accountId) {
        return reads.containsKey(accountId);
    }

    /** Closes the removed account's kept connections; those lent to reads under way are closed when given back. */
    void onAccountRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved removed) {
        List<IMAPStore> toClose = new ArrayList<>();
        reads.computeIfPresent(removed.accountId(), (id, account) -> {
            account.removed = true;
            drain(account.idle, toClose);
            return account.unused() ? null : account;
        });
        toClose.forEach(ImapReadConnections::close);
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        closeKeptLongerThan(IDLE_CLOSE);
    }

    /** Closes the connections kept unused for longer than {@code age}, and forgets accounts left without any. */
    void closeKeptLongerThan(Duration age) {
        long limit = System.nanoTime() - age.toNanos();
        List<IMAPStore> toClose = new ArrayList<>();
        for (UUID accountId : List.copyOf(reads.keySet())) {
            reads.computeIfPresent(accountId, (id, account) -> {
                // the oldest are at the tail; a read under way may take one meanwhile, which then is not closed
                Idle oldest;
                while ((oldest = account.idle.peekLast()) != null && oldest.since() < limit) {
                    if (account.idle.removeLastOccurrence(oldest)) {
                        toClose.add(oldest.store());
                    }
                }
                return account.unused() ? null : account;
            });
        }
        toClose.forEach(ImapReadConnections::close);
    }

    @PreDestroy
    void closeAll() {
        List<IMAPStore> toClose = new ArrayList<>();
        reads.values().forEach(account -> drain(account.idle, toClose));
        toClose.forEach(ImapReadConnections::close);
    }

    private static void drain(Deque<Idle> idle, List<IMAPStore> into) {
        Idle kept;
        while ((kept = idle.poll()) != null) {
            into.add(kept.store());
        }
    }

    private static void close(IMAPStore store) {
        UpstreamSessions.logOut(store,
                e -> LOG.debugf("closing an upstream read connection failed: %s", e.getClass().getSimpleName()));
    }
}
