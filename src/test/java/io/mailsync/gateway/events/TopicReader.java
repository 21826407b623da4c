package io.mailsync.gateway.events;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.testing.KafkaResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the change topic from its beginning, as a downstream consumer would, keeping one account set's events. */
final class TopicReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record as a consumer sees it. */
    record Received(String key, int partition, long offset, String raw, JsonNode event) {
        String id() {
            return event.path("id").asText();
        }

        long sequence() {
            return event.path("data").path("sequence").asLong();
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> accounts;
    private final List<Received> received = new ArrayList<>();

    TopicReader(Set<UUID> accounts) {
        this.accounts = accounts.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet());
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < KafkaResource.PARTITIONS; p++) {
            partitions.add(new TopicPartition(KafkaResource.TOPIC, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until the events received so far satisfy the condition. */
    List<Received> awaitUntil(Duration deadline, Predicate<List<Received>> done) {
        await().atMost(deadline).pollInterval(Duration.ofMillis(50)).until(() -> {
            poll();
            return done.test(received);
        });
        return List.copyOf(received);
    }

    /** Everything received so far, after one more poll. */
    List<Received> drain() {
        poll();
        return List.copyOf(received);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (accounts.contains(record.key())) {
                String raw = new String(record.value(), StandardCharsets.UTF_8);
                try {
                    received.add(new Received(record.key(), record.partition(), record.offset(), raw, JSON.readTree(raw)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
