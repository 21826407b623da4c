package io.mailsync.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka outbox. It stays UP while Kafka is unreachable and says {@code outbox: degraded}
 * with the backlog: the events wait safely in PostgreSQL, and taking every replica out of service for it
 * would stop the API and the sync engine, which do not need Kafka. It is DOWN only when the backlog
 * cannot be read (the database is gone).
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxStatus status;
    private final OutboxBacklog backlog;
    private final KafkaSettings settings;

    OutboxHealthCheck(OutboxStatus status, OutboxBacklog backlog, KafkaSettings settings) {
        this.status = status;
        this.backlog = backlog;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-outbox");
        if (!settings.events().enabled()) {
            return response.up().withData("outbox", "off").build();
        }
        long waiting;
        try {
            waiting = backlog.count();
        } catch (Exception e) {
            return response.down().withData("outbox", "unknown").withData("reason", "database unavailable").build();
        }
        OutboxStatus.State state = status.current();
        response.up().withData("backlog", waiting).withData("topic", settings.events().topic());
        if (state.lastPublishedAt() != null) {
            response.withData("lastPublishedAt", state.lastPublishedAt().toString());
        }
        if (!state.failing()) {
            return response.withData("outbox", "publishing").build();
        }
        return response.withData("outbox", "degraded")
                .withData("reason", settings.bootstrapServers().isEmpty() ? "kafka not configured" : "kafka unavailable")
                .withData("degradedSince", state.since().toString())
                .build();
    }
}
