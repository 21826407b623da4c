package io.mailsync.gateway.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.testing.InMemoryUpstream;
import io.mailsync.gateway.testing.MailsyncTestConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With many accounts the due polls alone can keep every worker busy: a pass asked for by an IDLE report
 * must not wait behind them.
 */
class SyncEnginePriorityTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Longest the busy account's pass holds the worker; the test releases it long before. */
    private static final Duration HOLD = Duration.ofMinutes(2);
    /** The engine's ticker walks the leased set in its iteration order, so the test knows the order of the polls. */
    private final Set<UUID> leased = Set.copyOf(Stream.generate(UUID::randomUUID).limit(8).toList());
    private final List<UUID> tickOrder = List.copyOf(leased);
    /** Polled first: it holds the single worker until released. */
    private final UUID busy = tickOrder.get(0);
    /** Polled last: without priority, its pass would run after every other poll. */
    private final UUID changed = tickOrder.get(tickOrder.size() - 1);
    private final List<UUID> polled = tickOrder.subList(1, tickOrder.size() - 1);
    private final List<UUID> passes = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private SyncEngine engine;

    @AfterEach
    void stopEngine() {
        release.countDown();
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void aPassAskedForByAnIdleReportOvertakesTheQueuedPolls() throws Exception {
        engine = engine();
        engine.start();
        // the first tick queues a poll of every account; the single worker is held by the busy one
        await().atMost(DEADLINE).until(() -> engine.isSyncing(busy)
                && polled.stream().allMatch(engine::isSyncing) && engine.isSyncing(changed));
        engine.requestSync(changed);
        release.countDown();
        await().atMost(DEADLINE).until(() -> passes.size() >= 2 + polled.size());
        assertEquals(busy, passes.get(0));
        assertEquals(changed, passes.get(1), "the asked-for pass ran right after the one already running: " + passes);
        assertEquals(2 + polled.size(), passes.size(), "and only once: it took the place of its own poll");
    }

    private SyncEngine engine() {
        MailsyncConfig config = MailsyncTestConfig.of(Map.of(
                "mailsync.sync.workers", "1",
                "mailsync.sync.poll-interval", "1H",
                "mailsync.sync.idle", "false"));
        Set<UUID> all = leased;
        SyncAccounts accounts = new SyncAccounts() {
            @Override
            public Set<UUID> ids() {
                return all;
            }

            @Override
            public Optional<SyncAccount> find(UUID id) {
                return Optional.of(new SyncAccount(id, new UpstreamEndpoint("imap.example.com", 143, Security.NONE),
                        new UpstreamLogin("user-" + id, "pw", AuthKind.PASSWORD), AccountState.IDLE));
            }

            @Override
            public void recordProgress(UUID id, long synced, long total) {
            }

            @Override
            public void recordState(UUID id, AccountState state, String lastError, boolean success, Quota quota) {
                if (success) {
                    passes.add(id);
                }
            }
        };
        MailboxMirror emptyMirror = (MailboxMirror) Proxy.newProxyInstance(MailboxMirror.class.getClassLoader(),
                new Class<?>[] {MailboxMirror.class},
                (self, method, args) -> method.getName().equals("folders") ? List.of() : null);
        // a server without folders: a pass only logs in, lists and logs out
        InMemoryUpstream upstream = new InMemoryUpstream();
        upstream.onConnect(account -> {
            if (account.id().equals(busy)) {
                try {
                    // held until the test lets go: a hold that ran out while a slow machine was still queueing the
                    // polls would let them run in tick order (the bound only keeps a broken run from hanging)
                    release.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        SyncLeases soleInstance = new SyncLeases() {
            @Override
            public Set<UUID> renew(String instanceId, Duration ttl) {
                return all;
            }

            @Override
            public void releaseAll(String instanceId) {
            }
        };
        return new SyncEngine(config, accounts, emptyMirror, upstream, new NoWatch(), soleInstance,
                SyncMetrics.NONE, new MailboxLocks());
    }

    /** IDLE is off in this test. */
    private static final class NoWatch implements InboxWatcher {
        @Override
        public void watch(SyncAccount account, java.util.function.Consumer<UUID> onChange) {
        }

        @Override
        public boolean isWatching(UUID accountId) {
            return false;
        }

        @Override
        public void unwatch(UUID accountId) {
        }
    }
}
