package io.mailsync.gateway.events;

import io.mailsync.gateway.config.MailsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This replica's name among the gateway's replicas: its producer's client id and its fan-out consumer group. */
@ApplicationScoped
public class ReplicaIdentity {

    private final String id;

    ReplicaIdentity(MailsyncConfig config) {
        this.id = config.events().instanceId().map(String::trim).filter(s -> !s.isEmpty())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    public String id() {
        return id;
    }
}
