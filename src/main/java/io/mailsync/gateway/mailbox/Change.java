package io.mailsync.gateway.mailbox;

import java.util.Map;
import java.util.UUID;

/** One entry for the change log, before it gets its sequence number. {@code data} may be empty. */
public record Change(ChangeType type, UUID objectId, UUID folderId, Origin origin, Map<String, Object> data) {
    public Change {
        data = data == null ? Map.of() : data;
    }

    public static Change of(ChangeType type, UUID objectId, UUID folderId, Origin origin) {
        return new Change(type, objectId, folderId, origin, Map.of());
    }
}
