package io.mailsync.gateway.mailbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One committed change as readers of the log see it. {@code type}, {@code origin} and {@code data} are
 * kept as written: {@code data} is the JSON object the change log stored (or null), so that every reader
 * hands on the same bytes and one that cannot be read is handed on, or set aside, as it is.
 */
public record CommittedChange(long sequence, String type, UUID objectId, UUID folderId, String origin, String data,
                              Instant createdAt) {
}
