package io.mailsync.gateway.changes;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Port: how far each account's changes have been delivered to consumers outside the gateway (Kafka), so
 * that retention deletes none a consumer still waits for, however old.
 */
public interface ChangeDelivery {

    /**
     * For each of these accounts, the sequence up to which nothing waits for delivery any more (delivered,
     * or set aside as undeliverable); {@link Long#MAX_VALUE} when none of its changes ever will (delivery is
     * off). An account left out keeps all its changes.
     */
    Map<UUID, Long> deliveredThrough(Set<UUID> accounts);
}
