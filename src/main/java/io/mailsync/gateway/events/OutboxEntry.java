package io.mailsync.gateway.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One committed change-log row as the relay reads it; {@code data} is the stored JSON text or null;
 * {@code deadLettered} when Kafka refused it in an earlier pass.
 */
record OutboxEntry(UUID accountId, long sequence, String type, UUID objectId, UUID folderId, String origin,
        String data, Instant createdAt, boolean deadLettered) {

    /** The CloudEvent id, stable across retries: consumers deduplicate on it. */
    String eventId() {
        return eventId(accountId, sequence);
    }

    static String eventId(UUID accountId, long sequence) {
        return accountId + ":" + sequence;
    }
}
