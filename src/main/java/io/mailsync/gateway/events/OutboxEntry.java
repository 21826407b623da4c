package io.mailsync.gateway.events;

import io.mailsync.gateway.mailbox.CommittedChange;
import java.time.Instant;
import java.util.UUID;

/**
 * One committed change as the relay reads it; {@code data} is the stored JSON text or null;
 * {@code deadLettered} when Kafka refused it in an earlier pass.
 */
record OutboxEntry(UUID accountId, long sequence, String type, UUID objectId, UUID folderId, String origin,
        String data, Instant createdAt, boolean deadLettered) {

    static OutboxEntry of(UUID accountId, CommittedChange change, boolean deadLettered) {
        return new OutboxEntry(accountId, change.sequence(), change.type(), change.objectId(), change.folderId(),
                change.origin(), change.data(), change.createdAt(), deadLettered);
    }

    /** The CloudEvent id, stable across retries: consumers deduplicate on it. */
    String eventId() {
        return eventId(accountId, sequence);
    }

    static String eventId(UUID accountId, long sequence) {
        return accountId + ":" + sequence;
    }
}
