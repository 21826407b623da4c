package io.mailsync.gateway.mailbox;

import java.util.Objects;
import java.util.UUID;

/**
 * One entry for the change log, before it gets its sequence number: which object changed, in which folder
 * (null for the account itself), who caused it, and what the change says ({@link ChangeData}).
 */
public record Change(UUID objectId, UUID folderId, Origin origin, ChangeData data) {
    public Change {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(data, "data");
    }

    public ChangeType type() {
        return data.type();
    }
}
