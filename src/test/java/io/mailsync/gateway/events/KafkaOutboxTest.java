package io.mailsync.gateway.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.testing.KafkaResource;
import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Every committed change reaches the real (in-JVM) Kafka broker through the outbox, in order and without loss. */
@QuarkusTest
class KafkaOutboxTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    MirrorFixture mirror;
    @Inject
    ChangeLog changeLog;
    @Inject
    EntityManager em;
    @Inject
    RelayCrash crash;
    @Inject
    CommittedSignals signals;
    @Inject
    ChangeFanOut fanOut;

    private UUID account() {
        return mirror.account("127.0.0.1", 1, "k" + UUID.randomUUID().toString().substring(0, 8), "secret");
    }

    private long append(UUID accountId, Change... changes) {
        return QuarkusTransaction.requiringNew().call(() -> changeLog.append(accountId, List.of(changes)));
    }

    private static Change flagged(UUID messageId, Origin origin) {
        return new Change(messageId, UUID.randomUUID(), origin,
                new ChangeData.FlagsChanged(MessageFlags.NONE.withFlagged(true)));
    }

    private long changeSeq(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select change_seq from account where id = ?1").setParameter(1, accountId)
                .getSingleResult()).longValue());
    }

    private long publishedSeq(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("select published_seq from event_publication where account_id = ?1")
                    .setParameter(1, accountId).getResultList();
            return rows.isEmpty() ? 0L : ((Number) rows.get(0)).longValue();
        });
    }

    private static double backlogMetric() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^mailsync_outbox_backlog(\\{[^}]*\\})? (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : -1;
    }

    /** All sequences 1..n of each account arrived; returns nothing, asserts order and the absence of gaps. */
    private static boolean complete(List<TopicReader.Received> received, Map<UUID, Long> expected) {
        Map<String, Set<Long>> seen = new HashMap<>();
        for (TopicReader.Received r : received) {
            seen.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.sequence());
        }
        return expected.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey().toString(), Set.of()).size()
                >= e.getValue());
    }

    @Test
    void aDeviceChangeIsPublishedAsACloudEvent() {
        UUID accountId = account();
        UUID messageId = UUID.randomUUID();
        UUID deviceId = UUID.randomUUID();
        long seq = append(accountId, flagged(messageId, Origin.device(deviceId)));
        try (TopicReader reader = new TopicReader(Set.of(accountId))) {
            TopicReader.Received event = reader.awaitUntil(DEADLINE,
                    all -> all.stream().anyMatch(r -> r.sequence() == seq)).stream()
                    .filter(r -> r.sequence() == seq).findFirst().orElseThrow();
            assertEquals(accountId.toString(), event.key());
            JsonPath json = JsonPath.from(event.raw());
            assertEquals("1.0", json.getString("specversion"));
            assertEquals(accountId + ":" + seq, json.getString("id"));
            assertEquals("io.mailsync.message.updated", json.getString("type"));
            assertEquals("/accounts/" + accountId, json.getString("source"));
            assertEquals(messageId.toString(), json.getString("subject"));
            assertEquals("application/json", json.getString("datacontenttype"));
            assertTrue(json.getString("time").endsWith("Z"));
            assertEquals(seq, json.getLong("data.sequence"));
            assertEquals("message.updated", json.getString("data.type"));
            assertEquals("device:" + deviceId, json.getString("data.origin"));
            assertEquals(true, json.getBoolean("data.data.flagged"));
        }
        await().atMost(DEADLINE).until(() -> publishedSeq(accountId) >= seq);
    }

    @Test
    void tenThousandEventsAcrossFiftyAccountsKeepEachAccountsOrder() throws Exception {
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            accounts.add(account());
        }
        // 4 writers at once, each change its own small transaction batch of 10, interleaved across accounts
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (UUID accountId : accounts) {
                done.add(writers.submit(() -> {
                    Change[] batch = new Change[10];
                    for (int i = 0; i < batch.length; i++) {
                        batch[i] = flagged(UUID.randomUUID(), Origin.UPSTREAM);
                    }
                    append(accountId, batch);
                }));
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();
        Map<UUID, Long> expected = accounts.stream().collect(Collectors.toMap(a -> a, this::changeSeq));
        assertTrue(expected.values().stream().allMatch(n -> n >= 200));
        try (TopicReader reader = new TopicReader(Set.copyOf(accounts))) {
            List<TopicReader.Received> received = reader.awaitUntil(Duration.ofMinutes(3),
                    all -> complete(all, expected));
            // first delivery of each sequence, per account: a relay pass that was retried after its commit went
            // through may repeat events (consumers deduplicate on the id), and a repeat is the same event
            Map<String, List<Long>> perAccount = received.stream().collect(Collectors.groupingBy(
                    TopicReader.Received::key, Collectors.collectingAndThen(
                            Collectors.mapping(TopicReader.Received::sequence, Collectors.toList()),
                            all -> all.stream().distinct().toList())));
            received.stream().collect(Collectors.groupingBy(TopicReader.Received::id,
                            Collectors.mapping(TopicReader.Received::raw, Collectors.toSet())))
                    .forEach((id, bodies) -> assertEquals(1, bodies.size(), "a duplicate is the same event: " + id));
            for (UUID accountId : accounts) {
                List<Long> sequences = perAccount.get(accountId.toString());
                for (int i = 0; i < sequences.size(); i++) {
                    assertEquals(i + 1, sequences.get(i), "account " + accountId + " out of order or with a gap");
                }
                // the sync engine may add the account's own status changes after the count was taken
                assertTrue(sequences.size() >= expected.get(accountId), "account " + accountId + " lost events");
            }
            Set<Integer> partitions = received.stream().map(TopicReader.Received::partition).collect(Collectors.toSet());
            assertTrue(partitions.size() > 1, "accounts spread over partitions");
            for (UUID accountId : accounts) {
                assertEquals(1, received.stream().filter(r -> r.key().equals(accountId.toString()))
                        .map(TopicReader.Received::partition).distinct().count(), "one partition per account");
            }
        }
    }

    @Test
    void anAccountHeldByAnotherReplicasRelayIsLeftAloneUntilItLetsGo() {
        UUID held = account();
        UUID free = account();
        append(held, flagged(UUID.randomUUID(), Origin.UPSTREAM));
        await().atMost(DEADLINE).until(() -> publishedSeq(held) >= 1);
        // another replica's relay holds the account's position row for the length of its transaction
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select published_seq from event_publication where account_id = ?1 for update")
                    .setParameter(1, held).getResultList();
            long heldFrom = publishedSeq(held);
            append(held, flagged(UUID.randomUUID(), Origin.UPSTREAM), flagged(UUID.randomUUID(), Origin.UPSTREAM));
            long freeLast = append(free, flagged(UUID.randomUUID(), Origin.UPSTREAM));
            await().atMost(DEADLINE).until(() -> publishedSeq(free) >= freeLast);
            try (TopicReader reader = new TopicReader(Set.of(held, free))) {
                List<TopicReader.Received> received = reader.awaitUntil(DEADLINE,
                        all -> all.stream().anyMatch(r -> r.key().equals(free.toString())));
                assertFalse(received.stream().anyMatch(r -> r.key().equals(held.toString()) && r.sequence() > heldFrom),
                        "this replica's relay published an account another relay holds");
            }
            assertEquals(heldFrom, publishedSeq(held));
        });
        long heldLast = changeSeq(held);
        await().atMost(DEADLINE).until(() -> publishedSeq(held) >= heldLast);
        try (TopicReader reader = new TopicReader(Set.of(held))) {
            List<TopicReader.Received> received = reader.awaitUntil(DEADLINE, all -> complete(all, Map.of(held, heldLast)));
            // every change up to heldLast, each once by id (the account's own later status changes may follow)
            assertEquals(heldLast, received.stream().filter(r -> r.sequence() <= heldLast)
                    .map(TopicReader.Received::id).distinct().count());
        }
    }

    @Test
    void aGatewayStoppedBeforeMarkingEventsSentRepublishesThemWithTheSameIds() {
        UUID accountId = account();
        crash.armFor(accountId);
        for (int i = 0; i < 5; i++) {
            append(accountId, flagged(UUID.randomUUID(), Origin.UPSTREAM));
        }
        long last = changeSeq(accountId);
        await().atMost(DEADLINE).until(() -> !crash.armed());
        try (TopicReader reader = new TopicReader(Set.of(accountId))) {
            await().atMost(DEADLINE).until(() -> publishedSeq(accountId) >= last);
            List<TopicReader.Received> received = reader.awaitUntil(DEADLINE, all -> complete(all, Map.of(accountId, last))
                    && all.size() > last);
            Map<String, Set<String>> byId = received.stream().collect(Collectors.groupingBy(TopicReader.Received::id,
                    Collectors.mapping(TopicReader.Received::raw, Collectors.toSet())));
            for (long seq = 1; seq <= last; seq++) {
                assertTrue(byId.containsKey(accountId + ":" + seq), "every change published, none lost: " + seq);
            }
            assertTrue(received.size() > last, "the crashed pass was published again: duplicates");
            byId.forEach((id, bodies) -> assertEquals(1, bodies.size(), "a duplicate is the same event: " + id));
        }
    }

    @Test
    void anEventTooLargeForKafkaIsDeadLetteredAndTheNextOneStillFlows() {
        UUID accountId = account();
        UUID folder = UUID.randomUUID();
        long big = append(accountId, new Change(folder, folder, Origin.UPSTREAM,
                new ChangeData.FolderDestroyed("x".repeat(7000))));
        long next = append(accountId, flagged(UUID.randomUUID(), Origin.UPSTREAM));
        try (TopicReader reader = new TopicReader(Set.of(accountId))) {
            List<TopicReader.Received> received = reader.awaitUntil(DEADLINE,
                    all -> all.stream().anyMatch(r -> r.sequence() == next));
            assertFalse(received.stream().anyMatch(r -> r.sequence() == big), "the large event never reached Kafka");
        }
        Object[] dead = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select event_id, reason, event from event_dead_letter where account_id = ?1 and seq = ?2")
                .setParameter(1, accountId).setParameter(2, big).getSingleResult());
        assertEquals(accountId + ":" + big, dead[0]);
        assertTrue(((String) dead[1]).contains("larger than"), (String) dead[1]);
        assertTrue(((String) dead[2]).contains("\"id\":\"" + accountId + ":" + big + "\""));
        await().atMost(DEADLINE).until(() -> publishedSeq(accountId) >= next);
    }

    @Test
    void anEventTheBrokerRefusesAsTooLargeIsDeadLetteredAndTheNextOneStillFlows() throws Exception {
        UUID accountId = account();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, KafkaResource.TOPIC);
        try (Admin admin = KafkaResource.admin()) {
            // the event passes the gateway's own limit (6,000 bytes in tests) but its record batch, with the
            // batch and record overhead, exceeds the topic's limit: the broker refuses it
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "6000"), AlterConfigOp.OpType.SET)))).all().get();
            try {
                UUID folder = UUID.randomUUID();
                long big = append(accountId, new Change(folder, folder, Origin.UPSTREAM,
                        new ChangeData.FolderDestroyed("y".repeat(5471))));
                long next = append(accountId, flagged(UUID.randomUUID(), Origin.UPSTREAM));
                try (TopicReader reader = new TopicReader(Set.of(accountId))) {
                    List<TopicReader.Received> received = reader.awaitUntil(DEADLINE,
                            all -> all.stream().anyMatch(r -> r.sequence() == next));
                    assertFalse(received.stream().anyMatch(r -> r.sequence() == big));
                }
                String reason = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                                "select reason from event_dead_letter where account_id = ?1 and seq = ?2")
                        .setParameter(1, accountId).setParameter(2, big).getSingleResult());
                assertTrue(reason.contains("RecordTooLarge"), reason);
                await().atMost(DEADLINE).until(() -> publishedSeq(accountId) >= next);
            } finally {
                admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)))).all().get();
            }
        }
    }

    @Test
    void aRecordFromAnotherReplicaWakesLiveStreamsHere() {
        UUID accountId = account();
        await().atMost(DEADLINE).until(fanOut::listening);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + accountId + ":41\",\"source\":\"/accounts/" + accountId
                + "\",\"type\":\"io.mailsync.message.created\",\"subject\":\"" + UUID.randomUUID()
                + "\",\"time\":\"2026-11-28T03:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{}}";
        try (KafkaProducer<String, String> other = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(KafkaResource.TOPIC, accountId.toString(), event);
            record.headers().add(new RecordHeader(KafkaChangePublisher.INSTANCE_HEADER,
                    "replica-a".getBytes(StandardCharsets.UTF_8)));
            other.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(DEADLINE).until(() -> signals.heardFor(accountId).stream()
                .anyMatch(signal -> signal.lastSequence() == 41));
    }

    @Test
    void whileTheBrokerIsDownChangesAreKeptAndDeliveredInOrderWhenItReturns() {
        UUID accountId = account();
        for (int i = 0; i < 20; i++) {
            append(accountId, flagged(UUID.randomUUID(), Origin.UPSTREAM));
        }
        await().atMost(DEADLINE).until(() -> publishedSeq(accountId) >= 20);

        KafkaResource.stopBroker();
        try {
            for (int i = 0; i < 30; i++) {
                append(accountId, flagged(UUID.randomUUID(), Origin.device(UUID.randomUUID())));
            }
            // the API carries on while Kafka is away
            given().auth().oauth2("test-operator-token").get("/api/v1/accounts/" + accountId).then().statusCode(200);
            await().atMost(DEADLINE).untilAsserted(() -> {
                JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
                assertEquals("degraded", ready.getString("checks.find { it.name == 'kafka-outbox' }.data.outbox"));
                assertTrue(ready.getLong("checks.find { it.name == 'kafka-outbox' }.data.backlog") >= 30);
            });
            // the backlog gauge (no per-account tag) shows what waits
            await().atMost(DEADLINE).until(() -> backlogMetric() >= 30);
            for (int i = 0; i < 10; i++) {
                append(accountId, flagged(UUID.randomUUID(), Origin.UPSTREAM));
            }
        } finally {
            KafkaResource.startBroker();
        }
        long last = changeSeq(accountId);
        assertTrue(last >= 60);
        try (TopicReader reader = new TopicReader(Set.of(accountId))) {
            List<TopicReader.Received> received = reader.awaitUntil(Duration.ofMinutes(2),
                    all -> complete(all, Map.of(accountId, last)));
            Map<String, Set<String>> byId = received.stream().collect(Collectors.groupingBy(TopicReader.Received::id,
                    Collectors.mapping(TopicReader.Received::raw, Collectors.toSet())));
            for (long seq = 1; seq <= last; seq++) {
                assertTrue(byId.containsKey(accountId + ":" + seq), "nothing lost: " + seq);
            }
            byId.forEach((id, bodies) -> assertEquals(1, bodies.size(), "a duplicate is the same event: " + id));
            // first delivery of each sequence comes in order
            List<Long> firsts = received.stream().map(TopicReader.Received::sequence).distinct().toList();
            for (int i = 0; i < firsts.size(); i++) {
                assertEquals(i + 1, firsts.get(i));
            }
        }
        await().atMost(DEADLINE).until(() -> publishedSeq(accountId) >= last);
        await().atMost(DEADLINE).untilAsserted(() -> assertEquals("publishing", given().get("/q/health/ready").then()
                .extract().jsonPath().getString("checks.find { it.name == 'kafka-outbox' }.data.outbox")));
    }
}
