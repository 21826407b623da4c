package io.mailsync.gateway.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.sync.InboxWatcher;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.KafkaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * K2: a flag set on Dovecot by another IMAP client → the change's record read from Kafka (through the
 * gateway's IDLE watch, sync, change log, outbox relay). Baseline in the same run: the same flag change
 * noticed by a raw IMAP client idling on the same INBOX all along ({@link RawIdleClient}; Dovecot's own
 * notification delay).
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class UpstreamToKafkaBenchmark {

    private static final String PASSWORD = "bench-k2-secret";
    private static final int SAMPLES = Integer.getInteger("bench.k2.samples", 200);

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orFail();

    @Inject
    SyncFixture fixture;
    @Inject
    InboxWatcher watcher;

    private static KafkaConsumer<String, byte[]> consumerAtEnd() {
        Properties props = new Properties();
        props.put("bootstrap.servers", KafkaResource.bootstrapServers());
        props.put("fetch.max.wait.ms", 5);
        props.put("isolation.level", "read_committed");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < KafkaResource.PARTITIONS; p++) {
            partitions.add(new TopicPartition(KafkaResource.TOPIC, p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    @Test
    void flagChangedOnDovecotToKafkaRecord() throws Exception {
        BenchReport report = new BenchReport("k2", "upstream change on Dovecot → Kafka record");
        String user = "k2-" + UUID.randomUUID().toString().substring(0, 8);
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(50));
        UUID accountId = fixture.createAccount(user, PASSWORD, dovecot.server().imapPort());
        fixture.awaitPass(accountId, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).until(() -> watcher.isWatching(accountId));

        double[] gateway = new double[SAMPLES];
        double[] rawIdle = new double[SAMPLES];
        Store writer = dovecot.server().imapStore(user, PASSWORD);
        try (RawIdleClient rawClient = new RawIdleClient(dovecot.server().imapStore(user, PASSWORD));
             KafkaConsumer<String, byte[]> consumer = consumerAtEnd()) {
            Folder inbox = writer.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            // warm-up, not measured: the first change also waits for the producer's first transaction
            jakarta.mail.Message first = inbox.getMessage(50);
            first.setFlag(Flags.Flag.SEEN, !first.isSet(Flags.Flag.SEEN));
            awaitRecord(consumer, accountId.toString(), Duration.ofMinutes(2));
            while (!consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                // the initial sync's events may still be arriving
            }
            for (int i = 0; i < SAMPLES; i++) {
                // raw baseline: a client idling on INBOX all along hears of the change
                CompletableFuture<Long> heard = rawClient.expectChange();
                jakarta.mail.Message message = inbox.getMessage(1 + i % 50);
                long changed = System.nanoTime();
                message.setFlag(Flags.Flag.FLAGGED, !message.isSet(Flags.Flag.FLAGGED));
                long recorded = awaitRecord(consumer, accountId.toString());
                gateway[i] = BenchReport.millis(recorded - changed);
                rawIdle[i] = BenchReport.millis(RawIdleClient.await(heard, Duration.ofSeconds(30)) - changed);
            }
            inbox.close(false);
        } finally {
            writer.close();
            fixture.deleteAccount(accountId);
        }
        double p99 = BenchReport.quantile(gateway, 0.99);
        report.line(String.format(Locale.ROOT, "- raw IMAP client idling on INBOX hears the flag change, %d samples: "
                        + "p50 %s, p99 %s", SAMPLES, BenchReport.ms(BenchReport.quantile(rawIdle, 0.5)),
                BenchReport.ms(BenchReport.quantile(rawIdle, 0.99))));
        report.line(String.format(Locale.ROOT, "- flag change on Dovecot → its record consumed from Kafka: "
                        + "**p50 %s, p99 %s** (target p99 ≤ 1.5 s: %s); p50 ratio to the raw IDLE client %s",
                BenchReport.ms(BenchReport.quantile(gateway, 0.5)), BenchReport.ms(p99), BenchReport.verdict(p99 <= 1500),
                BenchReport.ratio(BenchReport.quantile(gateway, 0.5) / BenchReport.quantile(rawIdle, 0.5))));
        assertTrue(gateway.length == SAMPLES);
        report.write();
    }

    /** Waits until the consumer reads a record with this key; returns when. */
    private static long awaitRecord(KafkaConsumer<String, byte[]> consumer, String key) {
        return awaitRecord(consumer, key, Duration.ofSeconds(30));
    }

    private static long awaitRecord(KafkaConsumer<String, byte[]> consumer, String key, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                if (record.key().equals(key)) {
                    return System.nanoTime();
                }
            }
        }
        throw new AssertionError("no record for " + key + " within 30 s");
    }
}
