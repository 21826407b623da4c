package io.mailsync.gateway.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.SseReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * P4: device A marks a message read or unread (PATCH, written through to Dovecot) → the change's
 * Server-Sent Event on device B's stream. Baseline in the same run: the PATCH's own round trip, which
 * already includes the upstream STORE; the difference is the change log → stream path.
 */
@QuarkusTest
@TestProfile(DeviceBenchmarkProfile.class)
class DeviceToDeviceBenchmark {

    private static final String PASSWORD = "bench-p4-secret";
    private static final int SAMPLES = Integer.getInteger("bench.p4.samples", 1000);
    private static final int WARMUP = Math.min(50, SAMPLES);
    private static final int MESSAGES = 50;

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orFail();

    @Inject
    SyncFixture fixture;

    @Test
    void patchByOneDeviceToStreamEventOnAnother() throws Exception {
        BenchReport report = new BenchReport("p4", "PATCH by device A → SSE event on device B");
        String user = "p4-" + UUID.randomUUID().toString().substring(0, 8);
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(MESSAGES));
        UUID accountId = fixture.createAccount(user, PASSWORD, dovecot.server().imapPort());
        fixture.awaitPass(accountId, Duration.ofSeconds(60));
        String base = "/api/v1/accounts/" + accountId;
        DeviceApi.Registered phone = DeviceApi.register(accountId, "p4 phone A");
        DeviceApi.Registered pc = DeviceApi.register(accountId, "p4 pc B");
        List<String> ids = DeviceApi.as(phone.token()).queryParam("limit", MESSAGES).get(base + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertEquals(MESSAGES, ids.size());
        String origin = "device:" + phone.id();

        double[] gateway = new double[SAMPLES];
        double[] patchOnly = new double[SAMPLES];
        try (SseReader stream = SseReader.open(RestAssured.port, base + "/changes/stream", pc.token(), Map.of())) {
            assertEquals(200, stream.status);
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.comments.contains("stream open"));
            boolean[] seen = new boolean[MESSAGES];
            for (int i = -WARMUP; i < SAMPLES; i++) {
                int m = Math.floorMod(i, MESSAGES);
                seen[m] = !seen[m];
                int before = stream.events.size();
                long start = System.nanoTime();
                JsonPath answer = DeviceApi.as(phone.token()).contentType("application/json")
                        .body(Map.of("seen", seen[m])).patch(base + "/messages/" + ids.get(m))
                        .then().statusCode(200).extract().jsonPath();
                long answered = System.nanoTime();
                assertEquals(seen[m], answer.getBoolean("seen"));
                long arrived = UpstreamToStreamBenchmark.awaitEventAfter(stream, before, Duration.ofSeconds(30));
                SseReader.Event event = stream.events.get(stream.arrivals.indexOf(arrived));
                assertTrue(event.data().contains(origin), "the event carries device A's origin: " + event.data());
                if (i >= 0) {
                    gateway[i] = BenchReport.millis(arrived - start);
                    patchOnly[i] = BenchReport.millis(answered - start);
                }
            }
        } finally {
            fixture.deleteAccount(accountId);
        }
        report.sampleLoad("after");
        double p50 = BenchReport.quantile(gateway, 0.5);
        double p99 = BenchReport.quantile(gateway, 0.99);
        double patchP50 = BenchReport.quantile(patchOnly, 0.5);
        report.line(String.format(Locale.ROOT, "- PATCH round trip on device A (includes the upstream STORE), %d samples "
                + "after %d warm-up: p50 %s, p99 %s", SAMPLES, WARMUP, BenchReport.ms(patchP50),
                BenchReport.ms(BenchReport.quantile(patchOnly, 0.99))));
        report.line(String.format(Locale.ROOT, "- PATCH sent by device A → SSE event on device B: "
                        + "**p50 %s, p99 %s** (target p99 ≤ 100 ms: %s); p50 ratio to the PATCH round trip %s",
                BenchReport.ms(p50), BenchReport.ms(p99), BenchReport.verdict(p99 <= 100),
                BenchReport.ratio(p50 / patchP50)));
        report.write();
    }
}
