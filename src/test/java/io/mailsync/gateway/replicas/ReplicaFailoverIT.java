package io.mailsync.gateway.replicas;

import static org.awaitility.Awaitility.await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.mailsync.gateway.testing.GreenMailImap;
import io.mailsync.gateway.testing.PackagedGateway;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway processes, built as they ship (target/quarkus-app), share one PostgreSQL: they split the
 * accounts, and when one is killed the other takes its accounts over and keeps them in sync.
 */
class ReplicaFailoverIT {

    private static final int ACCOUNTS = 6;
    /** What the issue asks: a dead replica's accounts move to the others within this. */
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailImap upstream = new GreenMailImap();

    private static EmbeddedPostgres postgres;
    private static PackagedGateway first;
    private static PackagedGateway second;

    @BeforeAll
    static void start() throws Exception {
        // the killed replica's dropped connections make the in-JVM mail server's threads throw; that is expected
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        postgres = EmbeddedPostgres.builder().start();
        for (int i = 0; i < ACCOUNTS; i++) {
            upstream.setUser("user" + i + "@example.test", "user" + i, "secret-" + i);
        }
        first = replica("replica-a");
        second = replica("replica-b");
        first.awaitReady();
        second.awaitReady();
    }

    private static PackagedGateway replica(String name) throws IOException {
        return PackagedGateway.start(name, "256m", postgres, Duration.ofSeconds(10),
                Map.of("MAILSYNC_SYNC_POLL_INTERVAL", "1S", "MAILSYNC_SYNC_LEASE_TTL", "8S"));
    }

    @AfterAll
    static void stop() throws IOException {
        for (PackagedGateway replica : new PackagedGateway[] {first, second}) {
            if (replica != null) {
                replica.kill();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aKilledReplicasAccountsMoveToTheOtherWhichKeepsThemInSync() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            ids.add(first.registerAccount("user" + i, "secret-" + i, upstream.port()));
        }
        // both replicas take a share, and every account is synced once
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, Integer> perReplica = leasesPerReplica();
            assertEquals(ACCOUNTS, perReplica.values().stream().mapToInt(Integer::intValue).sum());
            assertTrue(perReplica.getOrDefault("replica-a", 0) >= ACCOUNTS / 2 - 1
                    && perReplica.getOrDefault("replica-b", 0) >= ACCOUNTS / 2 - 1, "shared: " + perReplica);
        });
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).until(() -> accountState(first, id).equals("idle"));
        }
        List<String> secondsAccounts = accountsHeldBy("replica-b");
        assertTrue(!secondsAccounts.isEmpty());

        second.kill();
        long killedAt = System.nanoTime();
        await().atMost(FAILOVER).pollInterval(Duration.ofMillis(250))
                .until(() -> leasesPerReplica().getOrDefault("replica-a", 0) == ACCOUNTS);
        Duration tookOver = Duration.ofNanos(System.nanoTime() - killedAt);

        // mail arriving in an account the dead replica used to sync reaches the mirror through the survivor
        int index = ids.indexOf(secondsAccounts.get(0));
        String subject = "after failover " + UUID.randomUUID();
        MimeMessage mail = GreenMailUtil.createTextEmail("user" + index + "@example.test", "sender@example.test",
                subject, "hello", upstream.getImap().getServerSetup());
        upstream.getUserManager().getUserByEmail("user" + index + "@example.test").deliver(mail);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> first.get("/api/v1/accounts/" + ids.get(index) + "/messages").contains(subject));
        System.out.printf("replica-a held all %d accounts %d ms after replica-b was killed%n", ACCOUNTS,
                tookOver.toMillis());
    }

    private static Map<String, Integer> leasesPerReplica() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select owner, count(*) from sync_lease where expires_at > now()"
                        + " group by owner")) {
            while (rs.next()) {
                counts.merge(rs.getString(1).replaceAll("-[0-9a-f]{8}$", ""), rs.getInt(2), Integer::sum);
            }
        }
        return counts;
    }

    private static List<String> accountsHeldBy(String replica) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select account_id, owner from sync_lease")) {
            while (rs.next()) {
                if (rs.getString(2).startsWith(replica + "-")) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static String accountState(PackagedGateway replica, String id) throws Exception {
        Matcher state = Pattern.compile("\"state\"\\s*:\\s*\"([a-z-]+)\"").matcher(replica.get("/api/v1/accounts/" + id));
        return state.find() ? state.group(1) : "";
    }
}
