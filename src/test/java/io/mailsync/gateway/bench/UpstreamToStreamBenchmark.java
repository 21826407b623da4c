package io.mailsync.gateway.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.sync.InboxWatcher;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.SseReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * P3: a flag set on Dovecot by another IMAP client → the change's Server-Sent Event on a device's stream
 * (IDLE watch, sync, change log, stream). Baseline in the same run: the same flag change noticed by a raw
 * IMAP client that has been idling on the same INBOX all along ({@link RawIdleClient}).
 */
@QuarkusTest
@TestProfile(DeviceBenchmarkProfile.class)
class UpstreamToStreamBenchmark {

    private static final String PASSWORD = "bench-p3-secret";
    private static final int SAMPLES = Integer.getInteger("bench.p3.samples", 200);
    private static final int MESSAGES = 50;

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orFail();

    @Inject
    SyncFixture fixture;
    @Inject
    InboxWatcher inboxWatcher;

    @Test
    void flagChangedOnDovecotToDeviceStreamEvent() throws Exception {
        BenchReport report = new BenchReport("p3", "upstream change on Dovecot → SSE event on a device");
        String user = "p3-" + UUID.randomUUID().toString().substring(0, 8);
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(MESSAGES));
        UUID accountId = fixture.createAccount(user, PASSWORD, dovecot.server().imapPort());
        fixture.awaitPass(accountId, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).until(() -> inboxWatcher.isWatching(accountId));
        DeviceApi.Registered device = DeviceApi.register(accountId, "p3 phone");
        report.sampleLoad("before");

        double[] gateway = new double[SAMPLES];
        double[] rawIdle = new double[SAMPLES];
        Store writer = dovecot.server().imapStore(user, PASSWORD);
        try (RawIdleClient rawClient = new RawIdleClient(dovecot.server().imapStore(user, PASSWORD));
             SseReader stream = SseReader.open(RestAssured.port, "/api/v1/accounts/" + accountId + "/changes/stream",
                device.token(), Map.of())) {
            assertEquals(200, stream.status);
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.comments.contains("stream open"));
            Folder inbox = writer.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            // warm-up, not measured
            jakarta.mail.Message first = inbox.getMessage(MESSAGES);
            first.setFlag(Flags.Flag.SEEN, !first.isSet(Flags.Flag.SEEN));
            awaitEventAfter(stream, 0, Duration.ofMinutes(2));
            for (int i = 0; i < SAMPLES; i++) {
                CompletableFuture<Long> heard = rawClient.expectChange();
                int seen = stream.events.size();
                jakarta.mail.Message message = inbox.getMessage(1 + i % (MESSAGES - 1));
                long changed = System.nanoTime();
                message.setFlag(Flags.Flag.FLAGGED, !message.isSet(Flags.Flag.FLAGGED));
                long arrived = awaitEventAfter(stream, seen, Duration.ofSeconds(30));
                gateway[i] = BenchReport.millis(arrived - changed);
                rawIdle[i] = BenchReport.millis(RawIdleClient.await(heard, Duration.ofSeconds(30)) - changed);
            }
            inbox.close(false);
        } finally {
            writer.close();
            fixture.deleteAccount(accountId);
        }
        report.sampleLoad("after");
        double p50 = BenchReport.quantile(gateway, 0.5);
        double p99 = BenchReport.quantile(gateway, 0.99);
        double rawP50 = BenchReport.quantile(rawIdle, 0.5);
        report.line(String.format(Locale.ROOT, "- raw IMAP client idling on INBOX hears the flag change, %d samples: "
                + "p50 %s, p99 %s", SAMPLES, BenchReport.ms(rawP50), BenchReport.ms(BenchReport.quantile(rawIdle, 0.99))));
        report.line(String.format(Locale.ROOT, "- flag change on Dovecot → SSE event on the device's stream: "
                        + "**p50 %s, p99 %s** (target p99 ≤ 1.5 s: %s); p50 ratio to the raw IDLE client %s",
                BenchReport.ms(p50), BenchReport.ms(p99), BenchReport.verdict(p99 <= 1500),
                BenchReport.ratio(p50 / rawP50)));
        assertEquals(SAMPLES, gateway.length);
        report.write();
    }

    /** Waits until a message.updated event beyond the first {@code seen} events arrives; answers when it did. */
    static long awaitEventAfter(SseReader stream, int seen, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int next = seen;
        while (System.nanoTime() < deadline) {
            while (next < stream.events.size()) {
                if ("message.updated".equals(stream.events.get(next).name())) {
                    return stream.arrivals.get(next);
                }
                next++;
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        throw new AssertionError("no message.updated event within " + within);
    }
}
