package io.mailsync.gateway.bench;

import static io.mailsync.gateway.bench.BenchReport.ms;
import static io.mailsync.gateway.bench.BenchReport.ratio;
import static io.mailsync.gateway.bench.BenchReport.verdict;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.sync.SyncEngine;
import io.mailsync.gateway.sync.SyncFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * P5: {@code GET /api/v1/accounts/{id}/messages?limit=50} under 64 connections with wrk on the same
 * machine, against a trivial endpoint of the same gateway ({@code /q/health/live}) in the same run.
 * Never part of the test suite: run with bench/run.sh p5.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class ReadApiBenchmark {

    private static final String PASSWORD = "bench-p5-secret";
    private static final String TOKEN = "test-operator-token";
    private static final int MESSAGES = Integer.getInteger("bench.p5.messages", 10_000);
    private static final int CONNECTIONS = Integer.getInteger("bench.p5.connections", 64);
    private static final int THREADS = Integer.getInteger("bench.p5.threads", 2);
    private static final int SECONDS = Integer.getInteger("bench.p5.seconds", 20);
    private static final int PAGES = 10;
    private static final double TARGET_RPS = 3000;
    private static final double TARGET_P99_MS = 50;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: .*");

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orFail();

    @Inject
    SyncFixture fixture;
    @Inject
    SyncEngine engine;
    @TestHTTPResource("/")
    URL base;
    @Inject
    MeterRegistry registry;
    @Inject
    MailsyncConfig config;

    /** One wrk run: requests per second and latency percentiles in ms. */
    private record Run(String what, double rps, double p50, double p99, double jvmCpuUs, double postgresCpuUs,
                       String output, String fromCache) {
    }

    @Test
    void messageListUnderLoadAgainstHealthEndpoint() throws Exception {
        BenchReport report = new BenchReport("p5", "read API throughput, " + CONNECTIONS + " connections");
        String user = "p5-" + UUID.randomUUID().toString().substring(0, 8);
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(MESSAGES));
        UUID id = fixture.createAccount(user, PASSWORD, dovecot.server().imapPort());
        engine.requestSync(id);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> fixture.account(id).state == AccountState.IDLE);
        assertEquals(MESSAGES, fixture.messageCount(id));

        String root = base.toString().replaceAll("/$", "");
        String firstPage = "/api/v1/accounts/" + id + "/messages?limit=50";
        int firstCount = given().auth().oauth2(TOKEN).when().get(firstPage)
                .then().statusCode(200).extract().path("items.size()");
        assertEquals(50, firstCount, "a full first page");
        List<String> pages = pages(firstPage);
        Path walk = walkScript(pages);

        String health = root + "/q/health/live";
        String messages = root + firstPage;
        // warm-up: JIT, connection pool, PostgreSQL's caches; not reported
        wrk("warm-up", messages, 10, null);
        wrk("warm-up", health, 10, null);
        report.sampleLoad("after warm-up");

        List<Run> runs = new ArrayList<>();
        runs.add(wrk("`/q/health/live` (baseline)", health, SECONDS, null));
        runs.add(wrk("`messages?limit=50`, first page", messages, SECONDS, null));
        runs.add(wrk("`messages?limit=50`, walking " + PAGES + " pages by cursor", messages, SECONDS, walk));
        runs.add(wrk("`/q/health/live` (baseline, again)", health, SECONDS, null));
        report.sampleLoad("after measuring");

        report.blank();
        report.line("- message list page cache (`mailsync.api.page-cache-bytes`): "
                + (config.api().pageCacheBytes() > 0
                ? String.format(Locale.ROOT, "%,d bytes", config.api().pageCacheBytes()) : "off"));
        report.blank();
        report.line("| endpoint | req/s | p50 | p99 | gateway JVM CPU per request | PostgreSQL CPU per request "
                + "| answered from the page cache |");
        report.line("|---|---|---|---|---|---|---|");
        for (Run run : runs) {
            report.line("| " + run.what + " | " + String.format(Locale.ROOT, "%,.0f", run.rps) + " | " + ms(run.p50)
                    + " | " + ms(run.p99) + " | " + String.format(Locale.ROOT, "%.0f µs", run.jvmCpuUs) + " | "
                    + String.format(Locale.ROOT, "%.0f µs", run.postgresCpuUs) + " | " + run.fromCache + " |");
        }
        report.blank();
        double baseline = (runs.get(0).rps + runs.get(3).rps) / 2;
        Run first = runs.get(1);
        Run walking = runs.get(2);
        report.line("- first page: " + String.format(Locale.ROOT, "%,.0f", first.rps) + " req/s, target ≥ "
                + String.format(Locale.ROOT, "%,.0f", TARGET_RPS) + ": " + verdict(first.rps >= TARGET_RPS)
                + "; p99 " + ms(first.p99) + ", target ≤ " + ms(TARGET_P99_MS) + ": "
                + verdict(first.p99 <= TARGET_P99_MS));
        report.line("- walking pages: " + String.format(Locale.ROOT, "%,.0f", walking.rps) + " req/s: "
                + verdict(walking.rps >= TARGET_RPS) + "; p99 " + ms(walking.p99) + ": "
                + verdict(walking.p99 <= TARGET_P99_MS));
        report.line("- ratio to the health endpoint (mean of its two runs, "
                + String.format(Locale.ROOT, "%,.0f", baseline) + " req/s): first page " + ratio(first.rps / baseline)
                + ", walking pages " + ratio(walking.rps / baseline));
        report.blank();
        report.line("wrk " + THREADS + " threads, " + CONNECTIONS + " connections, " + SECONDS + " s per run, `--latency`,"
                + " on the same 2 cores as the gateway (Quarkus test HTTP server, embedded PostgreSQL with "
                + String.format(Locale.ROOT, "%,d", MESSAGES) + " messages synced from Dovecot through the engine;"
                + " operator token as bearer). No run had a non-2xx answer or a socket error.");
        report.write();
    }

    /** The paths of the first pages, following nextCursor. */
    private static List<String> pages(String firstPage) {
        List<String> pages = new ArrayList<>();
        String path = firstPage;
        while (pages.size() < PAGES && path != null) {
            pages.add(path);
            String cursor = given().auth().oauth2(TOKEN).when().get(path).then().statusCode(200)
                    .extract().path("nextCursor");
            path = cursor == null ? null : firstPage + "&cursor=" + java.net.URLEncoder.encode(cursor,
                    StandardCharsets.UTF_8);
        }
        assertEquals(PAGES, pages.size(), "enough pages to walk");
        return pages;
    }

    /** A wrk script cycling through the page paths, each connection at its own place. */
    private static Path walkScript(List<String> pages) throws IOException {
        StringBuilder lua = new StringBuilder("local paths = {\n");
        for (String page : pages) {
            lua.append("  \"").append(page).append("\",\n");
        }
        lua.append("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                + "  return wrk.format(\"GET\", paths[i])\nend\n");
        Path script = Path.of("target", "bench-results", "walk-pages.lua");
        Files.createDirectories(script.getParent());
        Files.writeString(script, lua.toString());
        return script;
    }

    private double pageCache(String result) {
        return registry.get("mailsync.api.page.cache").tag("result", result).counter().count();
    }

    private Run wrk(String what, String url, int seconds, Path script) throws Exception {
        double hitsBefore = pageCache("hit");
        double missesBefore = pageCache("miss");
        Run run = wrkRun(what, url, seconds, script);
        double hits = pageCache("hit") - hitsBefore;
        double misses = pageCache("miss") - missesBefore;
        String fromCache = hits + misses == 0 ? "–" : String.format(Locale.ROOT, "%.1f%% of %,.0f", 100 * hits / (hits + misses),
                hits + misses);
        return new Run(run.what, run.rps, run.p50, run.p99, run.jvmCpuUs, run.postgresCpuUs, run.output, fromCache);
    }

    private static Run wrkRun(String what, String url, int seconds, Path script) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s",
                "--latency", "--timeout", "10s", "-H", "Authorization: Bearer " + TOKEN));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        long jvmBefore = cpuNanos(ProcessHandle.current());
        long postgresBefore = postgresCpuNanos();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (apt-get install -y wrk; bench/run.sh does it)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(seconds + 60L, TimeUnit.SECONDS), "wrk finished");
        assertEquals(0, process.exitValue(), "wrk ran: " + output);
        long jvmCpu = cpuNanos(ProcessHandle.current()) - jvmBefore;
        long postgresCpu = postgresCpuNanos() - postgresBefore;
        System.out.println("[bench p5] " + what + "\n" + output);
        Matcher errors = ERRORS.matcher(output);
        assertTrue(!errors.find(), "every answer was 2xx, without socket errors: " + output);
        Matcher rps = RPS.matcher(output);
        assertTrue(rps.find(), "wrk printed requests per second: " + output);
        double requests = Double.parseDouble(rps.group(1)) * seconds;
        return new Run(what, Double.parseDouble(rps.group(1)), latency(P50, output), latency(P99, output),
                jvmCpu / 1000.0 / requests, postgresCpu / 1000.0 / requests, output, null);
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** CPU time of the embedded PostgreSQL's processes (the postmaster and its pooled backends). */
    private static long postgresCpuNanos() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.contains("embedded-pg") && c.endsWith("postgres"))
                        .orElse(false))
                .mapToLong(ReadApiBenchmark::cpuNanos)
                .sum();
    }

    private static double latency(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertTrue(m.find(), "wrk printed latency percentiles: " + output);
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
