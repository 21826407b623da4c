package io.mailsync.gateway.sync;

import io.mailsync.gateway.account.AccountRegistered;
import io.mailsync.gateway.account.AccountRemoved;
import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Keeps every account's mirror in sync with its upstream server. A ticker takes the accounts this
 * instance holds a lease on ({@link SyncLeases}: each account is synced by one replica at a time) and
 * starts passes that are due on a bounded worker pool; each account runs at most one pass
 * at a time, keeps its connection between passes (while its host's connection limit has room) and
 * reconnects with capped, jittered backoff. Unless
 * {@code mailsync.sync.idle} is off, each pass also makes sure the account's INBOX is watched with IDLE
 * ({@link InboxWatcher}), whose reports start a pass at once.
 */
@ApplicationScoped
public class SyncEngine {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);
    /** A refused login is retried far less eagerly than a dropped connection. */
    private static final int AUTH_FAILURE_WEIGHT = 6;

    private final MailsyncConfig config;
    private final SyncAccounts accounts;
    private final MailboxMirror mirror;
    private final UpstreamConnector connector;
    private final InboxWatcher inboxWatcher;
    private final MailboxLocks locks;
    private final SyncLeases leases;
    private final SyncMetrics metrics;
    private final String instanceId = newInstanceId();
    /** Accounts held, valid until {@link #leasesValidUntil}; both replaced together by each renewal. */
    private volatile Set<UUID> leased = Set.of();
    private volatile Instant leasesValidUntil = Instant.MIN;
    private final Map<UUID, AccountSync> syncs = new ConcurrentHashMap<>();
    /** Jitter of every backoff; tests replace it to make delays predictable. */
    RandomGenerator random = RandomGenerator.getDefault();
    private volatile ScheduledExecutorService ticker;
    private volatile ThreadPoolExecutor workers;
    /** Order of queued passes among equals: first asked, first served. */
    private final AtomicLong passOrder = new AtomicLong();

    public SyncEngine(MailsyncConfig config, SyncAccounts accounts, MailboxMirror mirror, UpstreamConnector connector,
                      InboxWatcher inboxWatcher, SyncLeases leases, SyncMetrics metrics, MailboxLocks locks) {
        this.locks = locks;
        this.config = config;
        this.leases = leases;
        this.metrics = metrics;
        this.accounts = accounts;
        this.mirror = mirror;
        this.connector = connector;
        this.inboxWatcher = inboxWatcher;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.sync().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        shutdown();
    }

    void onAccountRegistered(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRegistered event) {
        requestSync(event.accountId());
    }

    void onAccountRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved event) {
        stop(event.accountId());
    }

    /** Starts the ticker and the worker pool; idempotent. */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        int size = Math.max(1, config.sync().workers());
        // asked-for passes (IDLE reports, new accounts) overtake due polls: with many accounts the polls alone can fill
        // the queue, and a change must not wait behind every other account's poll
        workers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
                threads("mailsync-sync-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads("mailsync-sync-ticker-"));
        timer.setRemoveOnCancelPolicy(true);
        ticker = timer;
        long period = Math.max(50, Math.min(config.sync().pollInterval().toMillis(), 1000));
        long renewal = Math.max(50, config.sync().leaseTtl().toMillis() / 4);
        ticker.scheduleWithFixedDelay(this::renewLeases, 0, renewal, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
        LOG.infof("sync engine %s started with %d workers, poll interval %s", instanceId, size,
                config.sync().pollInterval());
    }

    /** Stops everything and closes every upstream connection. */
    public synchronized void shutdown() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        syncs.keySet().forEach(this::stop);
        workers.shutdownNow();
        ticker = null;
        workers = null;
        leased = Set.of();
        try {
            leases.releaseAll(instanceId);
        } catch (RuntimeException e) {
            LOG.infof("could not give back the account leases of %s (they expire on their own): %s", instanceId,
                    e.getMessage());
        }
    }

    /** Syncs the account right away (or right after its running pass), e.g. after it was created. */
    public void requestSync(UUID accountId) {
        ScheduledExecutorService timer = ticker;
        if (timer == null) {
            return;
        }
        if (!holds(accountId)) {
            // a new account: claim it now rather than at the next renewal; a pass follows if it is ours
            timer.execute(() -> {
                renewLeases();
                if (holds(accountId)) {
                    requestSync(accountId);
                }
            });
            return;
        }
        AccountSync sync = syncs.computeIfAbsent(accountId, AccountSync::new);
        sync.nextAttemptAt = Instant.MIN;
        schedule(sync, true);
    }

    /** Stops syncing the account and closes its connections, e.g. when it is deleted. */
    public void stop(UUID accountId) {
        AccountSync sync = syncs.remove(accountId);
        if (sync != null) {
            sync.stopped.set(true);
            sync.closeConnection();
        }
        inboxWatcher.unwatch(accountId);
    }

    /** Whether a pass of the account is running now (for status and tests). */
    public boolean isSyncing(UUID accountId) {
        AccountSync sync = syncs.get(accountId);
        return sync != null && sync.running.get();
    }

    /** Whether this instance holds the account's lease now. */
    public boolean holds(UUID accountId) {
        return Instant.now().isBefore(leasesValidUntil) && leased.contains(accountId);
    }

    /** The instance's name in the lease table. */
    public String instanceId() {
        return instanceId;
    }

    void renewLeases() {
        Instant asked = Instant.now();
        try {
            Set<UUID> held = Set.copyOf(leases.renew(instanceId, config.sync().leaseTtl()));
            // trust a lease for three quarters of its life, counted from before the renewal was sent, so that
            // this instance has stopped before another one may claim it
            leased = held;
            leasesValidUntil = asked.plus(config.sync().leaseTtl().multipliedBy(3).dividedBy(4));
        } catch (RuntimeException e) {
            LOG.warnf("renewing account leases of %s failed: %s", instanceId, e.getMessage());
        }
    }

    void tick() {
        try {
            Set<UUID> ids = Instant.now().isBefore(leasesValidUntil) ? leased : Set.of();
            for (UUID known : Set.copyOf(syncs.keySet())) {
                if (!ids.contains(known)) {
                    stop(known);
                }
            }
            Instant now = Instant.now();
            for (UUID id : ids) {
                AccountSync sync = syncs.computeIfAbsent(id, AccountSync::new);
                if (!now.isBefore(sync.nextAttemptAt)) {
                    schedule(sync, false);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("sync tick failed: %s", e.getMessage());
        }
    }

    /**
     * Queues a pass of the account unless one is queued or running. An asked-for pass goes before every queued
     * poll, and promotes the account's own poll if that is still waiting; one asked for while the account's pass
     * runs follows it.
     */
    private void schedule(AccountSync sync, boolean asked) {
        ThreadPoolExecutor pool = workers;
        if (pool == null || sync.stopped.get()) {
            return;
        }
        if (sync.running.compareAndSet(false, true)) {
            QueuedPass pass = new QueuedPass(sync, asked, passOrder.incrementAndGet());
            sync.queued = pass;
            try {
                pool.execute(pass);
            } catch (RuntimeException e) {
                sync.queued = null;
                sync.running.set(false);
            }
        } else if (asked) {
            QueuedPass waiting = sync.queued;
            if (waiting != null && !waiting.asked && pool.getQueue().remove(waiting)) {
                QueuedPass pass = new QueuedPass(sync, true, passOrder.incrementAndGet());
                sync.queued = pass;
                pool.execute(pass);
            } else {
                sync.again.set(true);
            }
        }
    }

    /** A pass waiting for a worker: asked-for ones first, then in the order they were queued. */
    private final class QueuedPass implements Runnable, Comparable<QueuedPass> {
        final AccountSync sync;
        final boolean asked;
        final long order;

        QueuedPass(AccountSync sync, boolean asked, long order) {
            this.sync = sync;
            this.asked = asked;
            this.order = order;
        }

        @Override
        public void run() {
            sync.queued = null;
            SyncEngine.this.run(sync);
        }

        @Override
        public int compareTo(QueuedPass other) {
            if (asked != other.asked) {
                return asked ? -1 : 1;
            }
            return Long.compare(order, other.order);
        }
    }

    private void run(AccountSync sync) {
        Instant started = Instant.now();
        try {
            pass(sync);
        } finally {
            metrics.passFinished(Duration.between(started, Instant.now()), sync.failures.get() == 0);
            sync.running.set(false);
            if (sync.again.getAndSet(false) && !sync.stopped.get()) {
                sync.nextAttemptAt = Instant.MIN;
                schedule(sync, true);
            } else if (sync.failures.get() == 0) {
                sync.nextAttemptAt = started.plus(config.sync().pollInterval());
            }
        }
    }

    private void pass(AccountSync sync) {
        UUID id = sync.accountId;
        try {
            SyncAccount account = accounts.find(id).orElse(null);
            if (account == null) {
                stop(id);
                return;
            }
            UpstreamMailbox upstream = sync.connection(connector, account);
            AccountSyncPass.Outcome outcome = new AccountSyncPass(account, upstream, mirror, accounts,
                    config.sync().batchSize(), () -> sync.stopped.get() || !holds(id), locks).run();
            if (sync.stopped.get() || !holds(id)) {
                return;
            }
            sync.failures.set(0);
            accounts.recordState(id, AccountState.IDLE, outcome.errorSummary(), true, outcome.quota().orElse(null));
            watchInbox(sync, account);
            if (!upstream.worthKeepingOpen()) {
                // many accounts share the host: its connections go to other accounts' passes; the next one reconnects
                sync.closeConnection();
            }
        } catch (UpstreamException e) {
            sync.closeConnection();
            if (sync.stopped.get()) {
                return;
            }
            boolean auth = e.scope() == UpstreamException.Scope.AUTHENTICATION;
            int failures = sync.failures.addAndGet(auth ? AUTH_FAILURE_WEIGHT : 1);
            Duration delay = backoff().delay(failures, random);
            sync.nextAttemptAt = Instant.now().plus(delay);
            LOG.infof("sync of account %s failed (%s: %s), next attempt in %d ms", id, e.scope(), e.getMessage(),
                    delay.toMillis());
            recordQuietly(id, auth ? AccountState.AUTH_FAILED : AccountState.ERROR, AccountSyncPass.reason(e));
        } catch (RuntimeException e) {
            sync.closeConnection();
            if (sync.stopped.get() || !exists(id)) {
                stop(id);
                return;
            }
            int failures = sync.failures.incrementAndGet();
            sync.nextAttemptAt = Instant.now().plus(backoff().delay(failures, random));
            LOG.warnf(e, "sync of account %s failed", id);
            recordQuietly(id, AccountState.ERROR, AccountSyncPass.truncate("internal error: " + e.getMessage()));
        }
    }

    /**
     * Opens, checks or reopens the account's IDLE watch after a good pass; a watch that cannot be opened
     * leaves the account on polling and is tried again after its own backoff.
     */
    private void watchInbox(AccountSync sync, SyncAccount account) {
        if (!config.sync().idle() || Instant.now().isBefore(sync.watchRetryAt)) {
            return;
        }
        try {
            inboxWatcher.watch(account, this::requestSync);
            sync.watchFailures = 0;
        } catch (UpstreamException e) {
            int failures = ++sync.watchFailures;
            Duration delay = backoff().delay(failures, random);
            sync.watchRetryAt = Instant.now().plus(delay);
            LOG.infof("IDLE on INBOX of account %s failed (%s), polling; next attempt in %d ms", account.id(),
                    e.kind(), delay.toMillis());
        } finally {
            if (sync.stopped.get()) {
                inboxWatcher.unwatch(account.id());
            }
        }
    }

    private boolean exists(UUID id) {
        try {
            return accounts.ids().contains(id);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void recordQuietly(UUID id, AccountState state, String reason) {
        try {
            accounts.recordState(id, state, reason, false, null);
        } catch (RuntimeException e) {
            LOG.debugf("cannot record state of account %s: %s", id, e.getMessage());
        }
    }

    private Backoff backoff() {
        Duration max = config.sync().maxBackoff();
        Duration base = Duration.ofMillis(Math.min(1000, max.toMillis()));
        return new Backoff(base.isZero() ? Duration.ofMillis(1) : base, max.isZero() ? Duration.ofMillis(1) : max);
    }

    private static String newInstanceId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "gateway");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One account's place in the engine: its connection, whether a pass runs, when the next is due. */
    private static final class AccountSync {
        final UUID accountId;
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicInteger failures = new AtomicInteger();
        volatile Instant nextAttemptAt = Instant.MIN;
        /** The account's pass while it waits for a worker; null once it runs. */
        volatile QueuedPass queued;
        /** IDLE watch retries, touched only by the account's (single) running pass. */
        volatile Instant watchRetryAt = Instant.MIN;
        volatile int watchFailures;
        private UpstreamMailbox connection;

        AccountSync(UUID accountId) {
            this.accountId = accountId;
        }

        synchronized UpstreamMailbox connection(UpstreamConnector connector, SyncAccount account)
                throws UpstreamException {
            if (connection == null) {
                connection = connector.connect(account);
                if (stopped.get()) {
                    closeConnection();
                    throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "account sync stopped");
                }
            }
            return connection;
        }

        void closeConnection() {
            UpstreamMailbox toClose;
            synchronized (this) {
                toClose = connection;
                connection = null;
            }
            if (toClose != null) {
                toClose.close();
            }
        }
    }
}
