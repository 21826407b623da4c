package io.mailsync.gateway.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.sync.SyncLeases;
import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.MirrorOnlyProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicas sharing one database split the accounts between them, never both holding one. */
@QuarkusTest
@TestProfile(MirrorOnlyProfile.class)
class SyncLeasesTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @Inject
    SyncLeases leases;
    @Inject
    MirrorFixture fixture;
    @Inject
    EntityManager em;

    private final String first = "replica-a-" + UUID.randomUUID();
    private final String second = "replica-b-" + UUID.randomUUID();

    @BeforeEach
    void accounts() {
        for (int i = 0; i < 7; i++) {
            fixture.account("127.0.0.1", 143, "lease-" + UUID.randomUUID(), "secret");
        }
    }

    @AfterEach
    void release() {
        leases.releaseAll(first);
        leases.releaseAll(second);
    }

    @Test
    void aSecondReplicaGetsHalfOfTheAccountsOnlyAfterTheFirstGaveThemBack() {
        Set<UUID> all = allAccounts();
        assertEquals(all, leases.renew(first, LONG), "alone, the first replica holds every account");
        assertTrue(leases.renew(second, LONG).isEmpty(), "nothing is taken from a replica whose leases still run");

        Set<UUID> firstHolds = leases.renew(first, LONG);
        Set<UUID> secondHolds = leases.renew(second, LONG);

        Set<UUID> both = new HashSet<>(firstHolds);
        both.retainAll(secondHolds);
        assertTrue(both.isEmpty(), "no account is held by both: " + both);
        Set<UUID> union = new HashSet<>(firstHolds);
        union.addAll(secondHolds);
        assertEquals(all, union, "every account is held by one of them");
        assertTrue(Math.abs(firstHolds.size() - secondHolds.size()) <= 1,
                "shared evenly: " + firstHolds.size() + " and " + secondHolds.size());
    }

    @Test
    void theAccountsOfAReplicaThatStopsRenewingMoveToTheOthersWhenItsLeasesRunOut() {
        Duration ttl = Duration.ofSeconds(1);
        Set<UUID> all = allAccounts();
        assertEquals(all, leases.renew(first, ttl));
        // the first replica dies here: it renews no more
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> leases.renew(second, ttl).equals(all));
    }

    @Test
    void aReplicaThatShutsDownHandsItsAccountsOverAtOnce() {
        assertEquals(allAccounts(), leases.renew(first, LONG));
        leases.releaseAll(first);
        assertEquals(allAccounts(), leases.renew(second, LONG));
    }

    @Test
    void replicasRenewingAtTheSameMomentNeverClaimTheSameAccount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Callable<Set<UUID>> a = () -> leases.renew(first, LONG);
                Callable<Set<UUID>> b = () -> leases.renew(second, LONG);
                Future<Set<UUID>> fa = pool.submit(a);
                Future<Set<UUID>> fb = pool.submit(b);
                Set<UUID> both = new HashSet<>(fa.get());
                both.retainAll(fb.get());
                assertTrue(both.isEmpty(), "round " + round + ": held by both " + both);
            }
        } finally {
            pool.shutdownNow();
        }
        Set<UUID> union = new HashSet<>(leases.renew(first, LONG));
        union.addAll(leases.renew(second, LONG));
        assertEquals(allAccounts(), union);
    }

    private Set<UUID> allAccounts() {
        return new HashSet<>(em.createQuery("select a.id from AccountEntity a", UUID.class).getResultList());
    }
}
