package io.mailsync.gateway.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.testing.KafkaResource;
import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * K1: the outbox relay on the in-JVM broker. Throughput: a backlog committed at once, drained by the
 * relay, against a raw idempotent producer sending the same number of records of the same size.
 * Latency: commit of one change → its record read by a consumer, against a raw produce → consume
 * round trip measured in the same run.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class KafkaRelayBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.k1.events", 20_000);
    private static final int ACCOUNTS = Integer.getInteger("bench.k1.accounts", 50);
    private static final int SAMPLES = Integer.getInteger("bench.k1.samples", 1_000);

    @Inject
    MirrorFixture mirror;
    @Inject
    ChangeLog changeLog;
    @Inject
    EntityManager em;

    private long published(List<UUID> accounts) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select coalesce(sum(published_seq), 0) from event_publication where account_id = any(?1)")
                .setParameter(1, accounts.toArray(new UUID[0])).getSingleResult()).longValue());
    }

    private static Change change() {
        return new Change(UUID.randomUUID(), UUID.randomUUID(), Origin.UPSTREAM,
                new ChangeData.FlagsChanged(MessageFlags.NONE.withSeen(true)));
    }

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

    private static KafkaProducer<String, byte[]> rawProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Waits until the consumer reads a record with this key; returns when. */
    private static long awaitRecord(KafkaConsumer<String, byte[]> consumer, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                if (record.key().equals(key)) {
                    return System.nanoTime();
                }
            }
        }
        throw new AssertionError("record " + key + " never arrived");
    }

    @Test
    void relayThroughputAndCommitToRecordLatency() throws Exception {
        BenchReport report = new BenchReport("k1", "outbox relay throughput and commit → Kafka record latency");
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(mirror.account("127.0.0.1", 1, "k1-" + UUID.randomUUID().toString().substring(0, 8), "pw"));
        }
        byte[] sample = ("{\"specversion\":\"1.0\",\"id\":\"" + accounts.get(0) + ":1\"," + "x".repeat(400) + "}")
                .getBytes();

        // baseline throughput: the same number of records straight from an idempotent producer
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
            raw.send(new ProducerRecord<>(KafkaResource.TOPIC, "warm-up", sample)).get();
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                raw.send(new ProducerRecord<>(KafkaResource.TOPIC, accounts.get(i % ACCOUNTS).toString(), sample));
            }
            raw.flush();
            double rawRate = EVENTS / (BenchReport.millis(System.nanoTime() - start) / 1000);
            report.line(String.format(Locale.ROOT, "- raw producer (acks=all, idempotent), %d records of %d bytes: "
                    + "**%.0f records/s**", EVENTS, sample.length, rawRate));

            // relay throughput: the whole backlog commits at once, then the relay drains it
            long before = published(accounts);
            QuarkusTransaction.requiringNew().run(() -> {
                for (UUID account : accounts) {
                    List<Change> changes = new ArrayList<>();
                    for (int i = 0; i < EVENTS / ACCOUNTS; i++) {
                        changes.add(change());
                    }
                    changeLog.append(account, changes);
                }
            });
            long committed = System.nanoTime();
            long target = before + (long) (EVENTS / ACCOUNTS) * ACCOUNTS;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> published(accounts) >= target);
            double relayRate = (EVENTS / ACCOUNTS) * ACCOUNTS / (BenchReport.millis(System.nanoTime() - committed) / 1000);
            report.line(String.format(Locale.ROOT, "- relay, backlog of %d events over %d accounts committed at once: "
                    + "**%.0f events/s** (%s of the raw producer)", EVENTS, ACCOUNTS, relayRate,
                    BenchReport.ratio(relayRate / rawRate)));
            report.sampleLoad("after throughput");

            // latency: one change at a time; raw produce → consume and commit → consume, interleaved
            double[] rawLatency = new double[SAMPLES];
            double[] relayLatency = new double[SAMPLES];
            try (KafkaConsumer<String, byte[]> consumer = consumerAtEnd()) {
                UUID account = accounts.get(0);
                for (int i = 0; i < SAMPLES; i++) {
                    String key = "raw-" + i;
                    long sent = System.nanoTime();
                    raw.send(new ProducerRecord<>(KafkaResource.TOPIC, key, sample));
                    raw.flush();
                    rawLatency[i] = BenchReport.millis(awaitRecord(consumer, key) - sent);

                    long began = System.nanoTime();
                    QuarkusTransaction.requiringNew().run(() -> changeLog.append(account, change()));
                    relayLatency[i] = BenchReport.millis(awaitRecord(consumer, account.toString()) - began);
                }
            }
            report.line(String.format(Locale.ROOT, "- raw produce → consume round trip, %d samples: p50 %s, p99 %s",
                    SAMPLES, BenchReport.ms(BenchReport.quantile(rawLatency, 0.5)),
                    BenchReport.ms(BenchReport.quantile(rawLatency, 0.99))));
            double p99 = BenchReport.quantile(relayLatency, 0.99);
            report.line(String.format(Locale.ROOT, "- change committed → its record consumed, %d samples: "
                    + "**p50 %s, p99 %s** (target p99 ≤ 100 ms: %s)", SAMPLES,
                    BenchReport.ms(BenchReport.quantile(relayLatency, 0.5)), BenchReport.ms(p99),
                    BenchReport.verdict(p99 <= 100)));
        }
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from event_dead_letter where account_id = any(?1)")
                .setParameter(1, accounts.toArray(new UUID[0])).getSingleResult()).intValue()));
        report.write();
    }
}
