package io.mailsync.gateway.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.testing.InMemoryUpstream;
import io.mailsync.gateway.testing.MailsyncTestConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the engine keeps INBOX watched (only when configured, after good passes, and a report starts a pass),
 * and when it keeps an account's connection for the next pass.
 */
class SyncEngineIdleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The engine's first watch backoff with the largest jitter (its base is 1 s). */
    private static final Duration WATCH_BACKOFF = Duration.ofSeconds(1);
    /** The engine reads the wall clock, the test the monotonic one. */
    private static final long CLOCK_SLACK_MS = 50;
    private final UUID accountId = UUID.randomUUID();
    private final AtomicInteger passes = new AtomicInteger();
    private final RecordingWatcher watcher = new RecordingWatcher();
    /** A server without folders: the passes only log in, list and log out. */
    private final InMemoryUpstream upstream = new InMemoryUpstream();
    private SyncEngine engine;

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void withIdleOffNoWatchIsEverOpened() {
        engine = engine(false);
        engine.start();
        engine.requestSync(accountId);
        await().atMost(DEADLINE).until(() -> passes.get() >= 1);
        engine.requestSync(accountId);
        await().atMost(DEADLINE).until(() -> passes.get() >= 2);
        assertEquals(0, watcher.watches.get());
    }

    @Test
    void withIdleOnAGoodPassWatchesInboxAndAReportStartsAPassAtOnce() {
        engine = engine(true);
        engine.start();
        engine.requestSync(accountId);
        await().atMost(DEADLINE).until(() -> watcher.watches.get() >= 1);
        int before = passes.get();
        // polling is an hour here: only the watch's report can start this pass
        watcher.onChange.get().accept(accountId);
        await().atMost(DEADLINE).until(() -> passes.get() > before);

        engine.stop(accountId);
        assertTrue(watcher.unwatched.contains(accountId));
    }

    @Test
    void aWatchThatCannotOpenLeavesThePassGoodAndIsRetriedAfterBackoff() {
        watcher.failing = true;
        engine = engine(true);
        // the longest delay the jitter allows (1 s here), so that the retry cannot fall before the second pass
        engine.random = new java.util.random.RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        engine.start();
        engine.requestSync(accountId);
        await().atMost(DEADLINE).until(() -> watcher.watches.get() == 1 && passes.get() >= 1);
        engine.requestSync(accountId);
        await().atMost(DEADLINE).until(() -> passes.get() >= 2);
        // the second pass normally comes well within the backoff and must not try again; on a loaded machine it
        // may come after it, and then it may: either way no attempt falls before the backoff has run out
        List<Long> attempts = watcher.attempts;
        for (int i = 1; i < attempts.size(); i++) {
            long after = (attempts.get(i) - attempts.get(0)) / 1_000_000;
            assertTrue(after >= WATCH_BACKOFF.toMillis() - CLOCK_SLACK_MS,
                    "watch attempt " + (i + 1) + " came " + after + " ms after the failure, within the backoff");
        }
    }

    @Test
    void anAccountKeepsItsConnectionBetweenPassesWhileItsHostHasRoom() {
        engine = engine(false);
        engine.start();
        engine.requestSync(accountId);
        await().atMost(DEADLINE).until(() -> passes.get() >= 1);
        engine.requestSync(accountId);
        await().atMost(DEADLINE).until(() -> passes.get() >= 2);
        assertEquals(1, upstream.connects(), "the second pass used the first one's connection");
        assertEquals(0, upstream.closes());
    }

    @Test
    void anAccountGivesItsConnectionBackAfterEachPassWhenItsHostHasNoRoom() {
        upstream.hostHasRoom(false);
        engine = engine(false);
        engine.start();
        engine.requestSync(accountId);
        await().atMost(DEADLINE).until(() -> passes.get() >= 1);
        engine.requestSync(accountId);
        // each pass connected anew and closed its connection after itself
        await().atMost(DEADLINE).until(() -> passes.get() >= 2 && upstream.connects() >= 2
                && upstream.closes() == upstream.connects());
    }

    private SyncEngine engine(boolean idle) {
        MailsyncConfig config = MailsyncTestConfig.of(Map.of(
                "mailsync.sync.poll-interval", "1H",
                "mailsync.sync.max-backoff", "1H",
                "mailsync.sync.idle", Boolean.toString(idle)));
        SyncAccount account = new SyncAccount(accountId, new UpstreamEndpoint("imap.example.com", 143, Security.NONE),
                new UpstreamLogin("alice", "pw", AuthKind.PASSWORD), AccountState.IDLE);
        SyncAccounts accounts = new SyncAccounts() {
            @Override
            public Set<UUID> ids() {
                return Set.of(accountId);
            }

            @Override
            public Optional<SyncAccount> find(UUID id) {
                return Optional.of(account);
            }

            @Override
            public void recordProgress(UUID id, long synced, long total) {
            }

            @Override
            public void recordState(UUID id, AccountState state, String lastError, boolean success, Quota quota) {
                if (success) {
                    passes.incrementAndGet();
                }
            }
        };
        MailboxMirror emptyMirror = proxy(MailboxMirror.class, Map.of("folders", List.of()));
        SyncLeases soleInstance = new SyncLeases() {
            @Override
            public Set<UUID> renew(String instanceId, java.time.Duration ttl) {
                return Set.of(accountId);
            }

            @Override
            public void releaseAll(String instanceId) {
            }
        };
        return new SyncEngine(config, accounts, emptyMirror, upstream, watcher, soleInstance,
                SyncMetrics.NONE, new MailboxLocks());
    }

    /** A stand-in that answers the named methods and ignores the rest (close, for instance). */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answers.get(method.getName()));
    }

    /** Counts what the engine asks of the watch. */
    private static final class RecordingWatcher implements InboxWatcher {
        final AtomicInteger watches = new AtomicInteger();
        /** System.nanoTime() of each watch attempt. */
        final List<Long> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicReference<Consumer<UUID>> onChange = new AtomicReference<>();
        final Set<UUID> unwatched = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile boolean failing;

        @Override
        public void watch(SyncAccount account, Consumer<UUID> listener) {
            attempts.add(System.nanoTime());
            watches.incrementAndGet();
            onChange.set(listener);
            if (failing) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "connection limit reached");
            }
        }

        @Override
        public boolean isWatching(UUID accountId) {
            return onChange.get() != null && !failing;
        }

        @Override
        public void unwatch(UUID accountId) {
            unwatched.add(accountId);
        }
    }
}
