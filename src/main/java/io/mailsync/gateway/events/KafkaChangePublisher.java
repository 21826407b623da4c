package io.mailsync.gateway.events;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one Kafka producer of this instance: acknowledgement by all in-sync replicas, idempotence on, and
 * each relay pass one Kafka transaction. A pass that fails half-way (broker gone, a batch expired) is
 * aborted, so read_committed consumers never see a later event of an account before an earlier one;
 * the pass is then published again from the account's position.
 */
@ApplicationScoped
public class KafkaChangePublisher {

    /** Header naming the replica that published a record; its own fan-out consumer skips it. */
    static final String INSTANCE_HEADER = "mailsync-instance";

    private final KafkaSettings settings;
    private final ReplicaIdentity replica;
    private volatile Producer<String, byte[]> producer;

    KafkaChangePublisher(KafkaSettings settings, ReplicaIdentity replica) {
        this.settings = settings;
        this.replica = replica;
    }

    /** Sends one event keyed by its account; the future completes once the broker acknowledged it. */
    Future<RecordMetadata> send(UUID accountId, byte[] cloudEvent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.events().topic(), accountId.toString(),
                cloudEvent);
        record.headers().add(new RecordHeader("content-type",
                "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(INSTANCE_HEADER, replica.id().getBytes(StandardCharsets.UTF_8)));
        return producer().send(record);
    }

    /** Starts the pass's Kafka transaction (opening the producer and fencing an earlier one first). */
    void begin() {
        producer().beginTransaction();
    }

    /** Commits the pass's transaction: returns once every record of it is acknowledged and visible. */
    void commit() {
        producer().commitTransaction();
    }

    /** Aborts the pass's transaction; when even that fails the producer is dropped (its successor fences it). */
    void abort() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            return;
        }
        try {
            current.abortTransaction();
        } catch (RuntimeException e) {
            reset();
        }
    }

    /** Drops the producer after a failure that may have left it unusable; the next send opens a new one. */
    synchronized void reset() {
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ZERO);
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    current = new KafkaProducer<>(producerProperties(), new StringSerializer(),
                            new ByteArraySerializer());
                    try {
                        current.initTransactions();
                    } catch (RuntimeException e) {
                        current.close(Duration.ZERO);
                        throw e;
                    }
                    producer = current;
                }
            }
        }
        return current;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = settings.clientProperties();
        long timeout = settings.events().sendTimeout().toMillis();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "mailsync-outbox-" + replica.id());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // one id per replica: a restarted replica with the same instance id fences its predecessor's
        // unfinished transaction
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mailsync-outbox-" + replica.id());
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a batch never larger than the largest event the topic accepts: when the broker refuses a batch as
        // too large the producer splits it into batches of this size, and a size above the topic's limit
        // would split it into the same batch again, forever
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Math.min(16384, settings.events().maxEventBytes()));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(settings.events().maxEventBytes() + 4096, 1048576));
        // a send waits at most this long for metadata while the broker is unreachable, and a record at most
        // this long for its acknowledgement: the relay then backs off and tries again
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout, Math.max(1000, timeout / 2) + 10));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        return props;
    }

    void onStop(@Observes ShutdownEvent stop) {
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
