package io.mailsync.gateway.events;

import io.mailsync.gateway.config.MailsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;

/**
 * Kafka client settings: the broker address from Quarkus' usual {@code kafka.bootstrap.servers}
 * (env KAFKA_BOOTSTRAP_SERVERS), and every other {@code kafka.*} property passed through to the clients
 * (security protocol, SASL, TLS), so that operators configure Kafka the way they know.
 */
@ApplicationScoped
public class KafkaSettings {

    static final String BOOTSTRAP = "kafka.bootstrap.servers";

    private final Config config;
    private final MailsyncConfig.Events events;

    KafkaSettings(Config config, MailsyncConfig mailsync) {
        this.config = config;
        this.events = mailsync.events();
    }

    MailsyncConfig.Events events() {
        return events;
    }

    /** The broker address, when one is configured. */
    public Optional<String> bootstrapServers() {
        return config.getOptionalValue(BOOTSTRAP, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Whether the relay and the fan-out consumer can run: events enabled and a broker address given. */
    public boolean publishing() {
        return events.enabled() && bootstrapServers().isPresent();
    }

    /** Client properties: the pass-through {@code kafka.*} settings plus the broker address. */
    Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("kafka.") && !name.equals(BOOTSTRAP))
                .forEach(name -> config.getOptionalValue(name, String.class)
                        .ifPresent(value -> props.put(name.substring("kafka.".length()), value)));
        bootstrapServers().ifPresent(servers -> props.put("bootstrap.servers", servers));
        return props;
    }
}
