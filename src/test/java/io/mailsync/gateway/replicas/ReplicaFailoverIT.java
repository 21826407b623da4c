package io.mailsync.gateway.replicas;

import static org.awaitility.Awaitility.await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * Two gateway processes, built as they ship (target/quarkus-app), share one PostgreSQL: they split the
 * accounts, and when one is killed the other takes its accounts over and keeps them in sync.
 */
class ReplicaFailoverIT {

    private static final String OPERATOR = "replica-operator-token";
    private static final String KEY = "cmVwbGljYS10ZXN0LWtleS1yZXBsaWNhLXRlc3QtayE=";
    private static final int ACCOUNTS = 6;
    /** What the issue asks: a dead replica's accounts move to the others within this. */
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    private static EmbeddedPostgres postgres;
    private static GreenMail upstream;
    private static Replica first;
    private static Replica second;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        // the killed replica's dropped connections make the in-JVM mail server's threads throw; that is expected
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        postgres = EmbeddedPostgres.builder().start();
        upstream = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        upstream.start();
        for (int i = 0; i < ACCOUNTS; i++) {
            upstream.setUser("user" + i + "@example.test", "user" + i, "secret-" + i);
        }
        first = Replica.start("replica-a", postgres);
        second = Replica.start("replica-b", postgres);
        first.awaitReady();
        second.awaitReady();
    }

    @AfterAll
    static void stop() throws IOException {
        for (Replica replica : new Replica[] {first, second}) {
            if (replica != null) {
                replica.kill();
            }
        }
        if (upstream != null) {
            upstream.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aKilledReplicasAccountsMoveToTheOtherWhichKeepsThemInSync() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            ids.add(first.registerAccount("user" + i, "secret-" + i, upstream.getImap().getPort()));
        }
        // both replicas take a share, and every account is synced once
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, Integer> perReplica = leasesPerReplica();
            assertEquals(ACCOUNTS, perReplica.values().stream().mapToInt(Integer::intValue).sum());
            assertTrue(perReplica.getOrDefault("replica-a", 0) >= ACCOUNTS / 2 - 1
                    && perReplica.getOrDefault("replica-b", 0) >= ACCOUNTS / 2 - 1, "shared: " + perReplica);
        });
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.accountState(id).equals("idle"));
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

    /** One gateway process, started from the packaged application with production settings. */
    private record Replica(String name, Process process, int port, Path log) {

        static Replica start(String name, EmbeddedPostgres postgres) throws IOException {
            int port = freePort();
            Path log = Path.of("target", name + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", "target/quarkus-app/quarkus-run.jar")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("HOSTNAME", name);
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("MAILSYNC_OPERATOR_TOKEN", OPERATOR);
            env.put("MAILSYNC_CREDENTIALS_KEY", KEY);
            env.put("MAILSYNC_UPSTREAM_ALLOW_PRIVATE_HOSTS", "true");
            env.put("MAILSYNC_POP3_PORT", Integer.toString(freePort()));
            env.put("MAILSYNC_SYNC_POLL_INTERVAL", "1S");
            env.put("MAILSYNC_SYNC_LEASE_TTL", "8S");
            return new Replica(name, builder.start(), port, log);
        }

        void awaitReady() {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited: " + Files.readString(log));
                }
                try {
                    return HTTP.send(request("/q/health/ready").build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        String registerAccount(String username, String password, int imapPort) throws Exception {
            String body = """
                    {"email": "%1$s@example.test", "username": "%1$s", "password": "%2$s",
                     "imap": {"host": "127.0.0.1", "port": %3$d, "security": "NONE"}}""".formatted(username, password,
                    imapPort);
            HttpResponse<String> response = HTTP.send(request("/api/v1/accounts")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), response.body());
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(response.body());
            assertTrue(id.find(), response.body());
            return id.group(1);
        }

        String accountState(String id) throws Exception {
            Matcher state = Pattern.compile("\"state\"\\s*:\\s*\"([a-z-]+)\"").matcher(get("/api/v1/accounts/" + id));
            return state.find() ? state.group(1) : "";
        }

        String get(String path) throws Exception {
            HttpResponse<String> response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + OPERATOR);
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
