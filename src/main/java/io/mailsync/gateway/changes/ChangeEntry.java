package io.mailsync.gateway.changes;

import java.time.Instant;
import java.util.UUID;

/** One committed change as readers of the log see it; {@code data} is a JSON object or null. */
public record ChangeEntry(long sequence, String type, UUID objectId, UUID folderId, String origin, String data,
                          Instant createdAt) {
}
