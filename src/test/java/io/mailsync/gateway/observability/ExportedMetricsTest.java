package io.mailsync.gateway.observability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.deploy.GrafanaDashboardTest;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.pop3.server.Pop3Listener;
import io.mailsync.gateway.testing.MetricsScrape;
import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.SseReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard and README promise is what /q/metrics exports: every one of the gateway's own metric
 * families is there, and the session gauges count open change streams and POP3 sessions.
 */
@QuarkusTest
class ExportedMetricsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    MirrorFixture mirror;
    @Inject
    Pop3Listener pop3;

    private static MetricsScrape scrape() {
        return MetricsScrape.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The metric's value now, or -1 while it is not exported. */
    private static double value(String name) {
        return scrape().first(name).orElse(-1);
    }

    @Test
    void everyMetricTheDashboardShowsIsExported() {
        MetricsScrape metrics = scrape();
        List<String> missing = GrafanaDashboardTest.GATEWAY_METRICS.stream()
                .filter(family -> !metrics.hasFamily(family))
                .toList();
        assertEquals(List.of(), missing, "metric families the dashboard queries but the gateway does not export");
    }

    @Test
    void sessionGaugesCountOpenStreamsAndPop3Sessions() throws Exception {
        UUID account = mirror.account("127.0.0.1", 1, "figures-" + UUID.randomUUID(), "secret");
        // an earlier test's stream that its client closed is dropped at the next heartbeat: a baseline read
        // before that would wait for one stream too many; no stream is left open once they are all dropped
        await().atMost(DEADLINE).until(() -> value("mailsync_sse_sessions") == 0);
        try (SseReader stream = SseReader.open(RestAssured.port, "/api/v1/accounts/" + account + "/changes/stream",
                DeviceApi.OPERATOR, Map.of())) {
            await().atMost(DEADLINE).until(() -> stream.comments.contains("stream open"));
            await().atMost(DEADLINE).until(() -> value("mailsync_sse_sessions") == 1);
        }
        await().atMost(DEADLINE).until(() -> value("mailsync_sse_sessions") == 0);

        try (Socket client = new Socket("127.0.0.1", pop3.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("+OK"));
            await().atMost(DEADLINE).until(() -> value("mailsync_pop3_sessions") >= 1);
        }
        await().atMost(DEADLINE).until(() -> value("mailsync_pop3_sessions") == 0);
    }
}
