package io.mailsync.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.mailbox.ChangesCommitted;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Lets this replica hear of changes other replicas recorded: it reads the change topic with a consumer
 * group of its own (every replica sees every record) and fires {@link ChangesCommitted} for each, so that
 * live streams here wake up and read the change log. The signal carries no data, so a repeated or late
 * record never duplicates anything on a stream.
 */
@ApplicationScoped
public class ChangeFanOut {

    private static final Logger LOG = Logger.getLogger(ChangeFanOut.class);

    private final KafkaSettings settings;
    private final ReplicaIdentity replica;
    private final Event<ChangesCommitted> committed;
    private final ObjectMapper json;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean assigned;
    private volatile boolean running;
    private Thread thread;

    ChangeFanOut(KafkaSettings settings, ReplicaIdentity replica, Event<ChangesCommitted> committed,
            ObjectMapper json) {
        this.settings = settings;
        this.replica = replica;
        this.committed = committed;
        this.json = json;
    }

    /** Whether the consumer has its partitions: records produced from now on will be heard. */
    public boolean listening() {
        return assigned;
    }

    void onStart(@Observes StartupEvent start) {
        if (!settings.publishing() || !settings.events().fanOut()) {
            return;
        }
        Map<String, Object> props = settings.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "mailsync-fanout-" + replica.id());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailsync-fanout-" + replica.id());
        // live signals only: streams read what they missed from the change log, not from the topic
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "change-fan-out");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        KafkaConsumer<String, byte[]> current = consumer;
        try (current) {
            current.subscribe(List.of(settings.events().topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned = false;
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned = !partitions.isEmpty();
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> record : current.poll(Duration.ofMillis(500))) {
                    signal(record);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf("The change fan-out stopped: live streams on this replica hear only its own changes (%s)",
                    e.getMessage());
        }
    }

    private void signal(ConsumerRecord<String, byte[]> record) {
        Header origin = record.headers().lastHeader(KafkaChangePublisher.INSTANCE_HEADER);
        if (origin != null && replica.id().equals(new String(origin.value(), StandardCharsets.UTF_8))) {
            return; // this replica fired the signal itself when it committed the change
        }
        try {
            JsonNode id = json.readTree(record.value()).path("id");
            String text = id.asText();
            int colon = text.lastIndexOf(':');
            UUID accountId = UUID.fromString(text.substring(0, colon));
            long sequence = Long.parseLong(text.substring(colon + 1));
            committed.fire(new ChangesCommitted(accountId, sequence));
        } catch (Exception e) {
            LOG.debugf("fan-out skipped a record it could not read at offset %d: %s", record.offset(), e.getMessage());
        }
    }
}
