package io.mailsync.gateway.bench;

import static io.mailsync.gateway.bench.BenchReport.ms;
import static io.mailsync.gateway.bench.BenchReport.quantile;
import static io.mailsync.gateway.bench.BenchReport.ratio;
import static io.mailsync.gateway.bench.BenchReport.verdict;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.interop.DovecotServer;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.testing.KafkaResource;
import io.mailsync.gateway.testing.MetricsScrape;
import io.mailsync.gateway.testing.PackagedGateway;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * P6: many Dovecot accounts on one gateway instance. The gateway runs as it ships (target/quarkus-app, a
 * process of its own with production settings and a 512 MiB heap ceiling), so that its heap, threads and
 * connections are its own and not the test JVM's (which holds Kafka). Measured with 0, 10 and all accounts:
 * heap after a full GC, live threads, IMAP connections; and with 10 and all accounts the time from a change
 * made by another IMAP client (a flag, a new message) in a random account to the moment the mirror shows it.
 * Never part of the test suite: run with bench/run.sh p6 (it packages the application first).
 */
class ManyAccountsBenchmark {

    private static final int ACCOUNTS = Integer.getInteger("bench.p6.accounts", 1000);
    private static final int SMALL = Math.min(10, ACCOUNTS);
    private static final int CHANGES = Integer.getInteger("bench.p6.changes", 100);
    private static final int SMALL_CHANGES = 20;
    private static final int MESSAGES = 5;
    private static final String HEAP = System.getProperty("bench.p6.heap", "512m");
    private static final long HEAP_TARGET_MIB = 512;
    private static final Duration CHANGE_TARGET = Duration.ofSeconds(60);
    private static final String PASSWORD = "p6-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static EmbeddedPostgres postgres;
    private static DovecotServer dovecot;
    private static PackagedGateway gateway;
    private static Connection db;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
        db = postgres.getPostgresDatabase().getConnection();
        dovecot = DovecotServer.start(DovecotServer.Options.defaults().maxConnections(3 * ACCOUNTS + 500));
        gateway = startGateway(postgres, KafkaResource.bootstrapServers());
        gateway.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        if (dovecot != null) {
            dovecot.stop();
        }
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Heap after a full GC, threads, RSS and upstream connections at one moment. */
    private record Footprint(int accounts, long heapMiB, int threads, long rssMiB, long imapMetric,
            int dovecotConnections, int dovecotUsers, String threadGroups) {
    }

    @Test
    void manyAccountsOnOneInstance() throws Exception {
        BenchReport report = new BenchReport("p6", ACCOUNTS + " Dovecot accounts on one instance");
        Footprint empty = settledFootprint(0);

        long setupStart = System.nanoTime();
        List<String> users = createUsers();
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        report.sampleLoad("users created");

        List<String> ids = new ArrayList<>(register(users.subList(0, SMALL)));
        awaitSynced(ids.size(), Duration.ofMinutes(5));
        Footprint small = settledFootprint(SMALL);
        double[] smallLatency = changeLatencies(users.subList(0, SMALL), ids, SMALL_CHANGES, new Random(6));
        report.sampleLoad("after " + SMALL);

        long registerStart = System.nanoTime();
        ids.addAll(register(users.subList(SMALL, ACCOUNTS)));
        double registerSeconds = (System.nanoTime() - registerStart) / 1e9;
        awaitSynced(ACCOUNTS, Duration.ofMinutes(30));
        double syncedSeconds = (System.nanoTime() - registerStart) / 1e9;
        report.sampleLoad("all synced");
        Footprint all = settledFootprint(ACCOUNTS);
        report.sampleLoad("before changes");
        double[] latency = changeLatencies(users, ids, CHANGES, new Random(66));
        report.sampleLoad("after changes");
        Footprint after = footprint(ACCOUNTS);

        report.blank();
        report.line("| accounts | heap after full GC | live threads | RSS | mailsync_imap_connections | Dovecot connections"
                + " (`doveadm who`) | users connected |");
        report.line("|---|---|---|---|---|---|---|");
        for (Footprint f : List.of(empty, small, all, after)) {
            report.line(String.format(Locale.ROOT, "| %,d%s | %d MiB | %d | %d MiB | %d | %d | %d |", f.accounts,
                    f == after ? " (after the changes)" : "", f.heapMiB, f.threads, f.rssMiB, f.imapMetric,
                    f.dovecotConnections, f.dovecotUsers));
        }
        report.blank();
        report.line("Threads by name (digits folded), with " + String.format(Locale.ROOT, "%,d", ACCOUNTS)
                + " accounts: " + all.threadGroups);
        report.blank();
        report.line("| accounts | changes | p50 | p99 | max | within " + CHANGE_TARGET.toSeconds() + " s |");
        report.line("|---|---|---|---|---|---|");
        report.line(latencyRow(SMALL, smallLatency));
        report.line(latencyRow(ACCOUNTS, latency));
        report.blank();
        double max = Arrays.stream(latency).max().orElse(0);
        report.line(String.format(Locale.ROOT, "- heap after a full GC with %,d accounts: %d MiB, target ≤ %d MiB: %s"
                + " (the JVM ran with -Xmx%s: it never had more)", ACCOUNTS, Math.max(all.heapMiB, after.heapMiB),
                HEAP_TARGET_MIB, verdict(Math.max(all.heapMiB, after.heapMiB) <= HEAP_TARGET_MIB), HEAP));
        report.line(String.format(Locale.ROOT, "- every change seen within %d s: max %s over %d changes: %s",
                CHANGE_TARGET.toSeconds(), ms(max), latency.length, verdict(max <= CHANGE_TARGET.toMillis())));
        report.line(String.format(Locale.ROOT, "- growth from %d to %,d accounts: heap +%d MiB (%.0f KiB per account),"
                + " threads %+d, change latency p50 %s, p99 %s", SMALL, ACCOUNTS, all.heapMiB - small.heapMiB,
                (all.heapMiB - small.heapMiB) * 1024.0 / Math.max(1, ACCOUNTS - SMALL), all.threads - small.threads,
                ratio(quantile(latency, 0.5) / quantile(smallLatency, 0.5)),
                ratio(quantile(latency, 0.99) / quantile(smallLatency, 0.99))));
        report.line(String.format(Locale.ROOT, "- setup: %,d users with %d messages each in %.1f s; %,d accounts"
                + " registered over REST in %.1f s, all idle with every message mirrored %.1f s after the first"
                + " registration", ACCOUNTS, MESSAGES, setupSeconds, ACCOUNTS - SMALL, registerSeconds, syncedSeconds));
        report.blank();
        report.line("The gateway is the packaged application (`target/quarkus-app/quarkus-run.jar`) in its own JVM"
                + " (-Xmx" + HEAP + ", default collector), production defaults (poll interval 15 s, IDLE on, 8 sync"
                + " workers, upstream timeout 20 s, " + "max-connections-per-host default), publishing to Kafka"
                + " (in the test JVM), on an embedded PostgreSQL 17; only the rate limit is off (the operator"
                + " registers every account). Dovecot runs one imap process per connection. Heap: `jcmd GC.run`"
                + " then `GC.heap_info` (used); threads and RSS from /proc; connections from the gateway's metric"
                + " and from `doveadm who -1`. Footprints are taken after the accounts are idle and 20 s of quiet"
                + " (polls continue). A change is a \\Flagged toggle on the first message or a new message"
                + " appended to INBOX, each by a separate IMAP client logged in beforehand, in a random account,"
                + " one at a time; timed from just before the command to the moment the mirror's row"
                + " (PostgreSQL, polled every 20 ms) shows it.");
        report.write();

        // a missed target is a figure, not a failure; a harness that saw no change at all is
        assertTrue(Arrays.stream(latency).anyMatch(l -> l < CHANGE_TARGET.toMillis() * 2), "the mirror showed changes");
    }

    private static String latencyRow(int accounts, double[] latency) {
        long within = Arrays.stream(latency).filter(l -> l <= CHANGE_TARGET.toMillis()).count();
        return String.format(Locale.ROOT, "| %,d | %d | %s | %s | %s | %d of %d |", accounts, latency.length,
                ms(quantile(latency, 0.5)), ms(quantile(latency, 0.99)), ms(Arrays.stream(latency).max().orElse(0)),
                within, latency.length);
    }

    // ---- setup ----

    private static List<String> createUsers() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String user = String.format(Locale.ROOT, "p6-%s-%04d", run, i);
            dovecot.addUser(user, PASSWORD);
            users.add(user);
        }
        List<byte[]> messages = TestMessages.simple(MESSAGES);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (String user : users) {
                loads.add(pool.submit(() -> dovecot.appendMessages(user, "INBOX", messages)));
            }
            for (Future<?> load : loads) {
                load.get();
            }
        } finally {
            pool.shutdown();
        }
        return users;
    }

    private static List<String> register(List<String> users) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> registrations = new ArrayList<>();
            for (String user : users) {
                registrations.add(pool.submit(() -> gateway.registerAccount(user, PASSWORD, dovecot.imapPort())));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> registration : registrations) {
                ids.add(registration.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitSynced(int accounts, Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
            gateway.assertAlive();
            return count("select count(*) from account where state = 'IDLE' and last_success_at is not null") == accounts
                    && count("select count(*) from message") >= (long) accounts * MESSAGES;
        });
    }

    // ---- measurements ----

    /** The footprint after 20 s in which the gateway stayed up (polls go on; no change is made). */
    private static Footprint settledFootprint(int accounts) throws Exception {
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).until(() -> gateway.process().isAlive());
        return footprint(accounts);
    }

    private static Footprint footprint(int accounts) throws Exception {
        gateway.assertAlive();
        long heap = heapAfterFullGcMiB(gateway);
        List<String> who = Arrays.stream(dovecot.doveadm("who", "-1").split("\n"))
                .filter(l -> l.startsWith("p6-")).toList();
        int users = (int) who.stream().map(l -> l.split("\\s+")[0]).distinct().count();
        return new Footprint(accounts, heap, status(gateway, "Threads"), status(gateway, "VmRSS") / 1024,
                metric(gateway, "mailsync_imap_connections"), who.size(), users, threadGroups(gateway));
    }

    /** Changes one at a time in random accounts; returns each one's latency to the mirror, in ms. */
    private static double[] changeLatencies(List<String> users, List<String> ids, int changes, Random random)
            throws Exception {
        double[] latency = new double[changes];
        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < changes; i++) {
            int index = random.nextInt(ids.size());
            UUID account = UUID.fromString(ids.get(index));
            try (Store store = dovecot.imapStore(users.get(index), PASSWORD)) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                long start;
                if (i % 2 == 0) {
                    Message first = inbox.getMessage(1);
                    boolean flagged = !first.isSet(Flags.Flag.FLAGGED);
                    long uid = ((org.eclipse.angus.mail.imap.IMAPFolder) inbox).getUID(first);
                    start = System.nanoTime();
                    first.setFlag(Flags.Flag.FLAGGED, flagged);
                    awaitMirror(account, "select count(*) from message m join folder f on f.id = m.folder_id"
                            + " where m.account_id = ? and f.path = 'INBOX' and m.uid = " + uid + " and m.flagged = "
                            + flagged);
                } else {
                    String subject = "p6 change " + UUID.randomUUID();
                    MimeMessage mail = new MimeMessage(session, new ByteArrayInputStream(("From: a@example.test\r\n"
                            + "To: b@example.test\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
                            + "@example.test>\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII)));
                    start = System.nanoTime();
                    inbox.appendMessages(new Message[] {mail});
                    awaitMirror(account, "select count(*) from message where account_id = ? and subject = '"
                            + subject + "'");
                }
                latency[i] = (System.nanoTime() - start) / 1e6;
                inbox.close(false);
            }
        }
        return latency;
    }

    /** Waits until the mirror shows the change, at most twice the target; a change not seen by then counts as that. */
    private static void awaitMirror(UUID account, String sql) {
        try {
            awaitRow(account, sql);
        } catch (org.awaitility.core.ConditionTimeoutException notSeen) {
            System.out.println("[bench p6] change in account " + account + " not in the mirror after "
                    + CHANGE_TARGET.multipliedBy(2).toSeconds() + " s");
        }
    }

    private static void awaitRow(UUID account, String sql) {
        await().atMost(CHANGE_TARGET.multipliedBy(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (PreparedStatement s = db.prepareStatement(sql)) {
                s.setObject(1, account);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    private static long count(String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The gateway under measurement: its own JVM, production settings, rate limit off. */
    private static PackagedGateway startGateway(EmbeddedPostgres postgres, String kafka) throws IOException {
        return PackagedGateway.start("bench-p6-gateway", HEAP, postgres, Duration.ofSeconds(30),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "MAILSYNC_RATE_LIMIT_ENABLED", "false"));
    }

    private static long metric(PackagedGateway gateway, String name) throws Exception {
        String body = HTTP.send(gateway.request("/q/metrics").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return (long) MetricsScrape.parse(body).first(name).orElse(-1);
    }

    /** A field of /proc/PID/status as a number (Threads, VmRSS in KiB). */
    private static int status(PackagedGateway gateway, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(gateway.process().pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Integer.parseInt(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " in /proc status");
    }

    /** Live threads grouped by name with digits folded, largest groups first: "executor-thread-# ×12, …". */
    private static String threadGroups(PackagedGateway gateway) throws Exception {
        Matcher names = Pattern.compile("(?m)^\"([^\"]*)\"").matcher(jcmd(gateway, "Thread.print"));
        Map<String, Integer> groups = new java.util.TreeMap<>();
        while (names.find()) {
            groups.merge(names.group(1).replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        return groups.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(12)
                .map(e -> "`" + e.getKey() + "` ×" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Full GC by jcmd, then the heap in use, in MiB. */
    private static long heapAfterFullGcMiB(PackagedGateway gateway) throws Exception {
        jcmd(gateway, "GC.run");
        String info = jcmd(gateway, "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(used.group(1)) / 1024;
    }

    private static String jcmd(PackagedGateway gateway, String command) throws Exception {
        Path javaHome = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        Process jcmd = new ProcessBuilder(javaHome.resolve("jcmd").toString(), Long.toString(gateway.process().pid()),
                command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
