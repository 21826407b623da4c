package io.mailsync.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Plays a gateway that dies after Kafka acknowledged a pass's events and before it marked them sent. */
@ApplicationScoped
public class RelayCrash {

    private final AtomicReference<UUID> armedFor = new AtomicReference<>();

    void armFor(UUID accountId) {
        armedFor.set(accountId);
    }

    boolean armed() {
        return armedFor.get() != null;
    }

    void onAcknowledged(@Observes EventsAcknowledged acknowledged) {
        UUID account = armedFor.get();
        if (account != null && acknowledged.accountIds().contains(account) && acknowledged.published() > 0
                && armedFor.compareAndSet(account, null)) {
            throw new IllegalStateException("gateway stopped before marking the events sent");
        }
    }
}
