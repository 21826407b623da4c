package io.mailsync.gateway.mailbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The in-process layer of the mailbox locks keeps an entry only while a thread holds or waits for it, and
 * forgetting unused entries never lets two threads hold the same lock.
 */
class MailboxLocksTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final MailboxLocks locks = new MailboxLocks();

    @Test
    void accountAndFolderLocksAreForgottenOnceReleased() {
        UUID account = UUID.randomUUID();
        UUID inbox = UUID.randomUUID();
        UUID sent = UUID.randomUUID();
        try (MailboxLocks.Held held = locks.accountAndFolders(account, List.of(inbox, sent), WAIT)) {
            assertEquals(3, locks.entries());
            try (MailboxLocks.Held again = locks.folders(List.of(inbox), WAIT)) {
                assertTrue(locks.tracks(inbox), "taken again by its holder");
            }
            assertTrue(locks.tracks(inbox), "still held by the outer taking");
        }
        assertEquals(0, locks.entries());
    }

    @Test
    void aLockThatStaysBusyIsForgottenByTheOneThatGaveUp() throws Exception {
        UUID folder = UUID.randomUUID();
        try (MailboxLocks.Held held = locks.folders(List.of(folder), WAIT)) {
            UpstreamException busy = CompletableFuture.supplyAsync(() -> assertThrows(UpstreamException.class,
                    () -> locks.folders(List.of(folder), Duration.ofMillis(50)))).get(30, TimeUnit.SECONDS);
            assertEquals(UpstreamException.Kind.UNAVAILABLE, busy.kind());
            assertTrue(locks.tracks(folder), "the holder keeps it");
        }
        assertFalse(locks.tracks(folder));
    }

    @Test
    void aWaiterKeepsTheLockWhenItsHolderLetsGoAndExcludesOthersUntilItIsDone() throws Exception {
        UUID folder = UUID.randomUUID();
        CountDownLatch waiterHolds = new CountDownLatch(1);
        CountDownLatch waiterMayGo = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> waiter;
            Thread[] waiterThread = new Thread[1];
            try (MailboxLocks.Held held = locks.folders(List.of(folder), WAIT)) {
                waiter = threads.submit(() -> {
                    waiterThread[0] = Thread.currentThread();
                    try (MailboxLocks.Held mine = locks.folders(List.of(folder), WAIT)) {
                        waiterHolds.countDown();
                        waiterMayGo.await();
                    }
                    return null;
                });
                await().atMost(DEADLINE).until(() -> waiterThread[0] != null
                        && waiterThread[0].getState() == Thread.State.TIMED_WAITING);
            }
            assertTrue(waiterHolds.await(30, TimeUnit.SECONDS));
            assertTrue(locks.tracks(folder), "the waiter holds it now");
            assertThrows(UpstreamException.class, () -> locks.folders(List.of(folder), Duration.ofMillis(50)),
                    "the lock the waiter holds still excludes others");
            waiterMayGo.countDown();
            waiter.get(30, TimeUnit.SECONDS);
            assertFalse(locks.tracks(folder));
        } finally {
            waiterMayGo.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void manyThreadsTakingAndGivingBackNeverHoldTogetherAndLeaveNothing() throws Exception {
        UUID account = UUID.randomUUID();
        List<UUID> folders = List.of(UUID.randomUUID(), UUID.randomUUID());
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int which = t;
                all.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        // half take the account with the folders, half the folders alone: every taking includes
                        // the first folder, so no two of them may overlap
                        try (MailboxLocks.Held held = which % 2 == 0
                                ? locks.accountAndFolders(account, folders, WAIT)
                                : locks.folders(Set.of(folders.get(0)), WAIT)) {
                            if (holders.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            holders.decrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(16_000, done.get());
        assertEquals(0, overlaps.get(), "two threads held the same folder at once");
        assertEquals(0, locks.entries());
    }
}
