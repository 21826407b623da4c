package io.mailsync.gateway.mailbox;

import java.util.List;
import java.util.UUID;

/**
 * What a batch did to each message: {@code done}, {@code not-found} (not a message of the account),
 * or {@code failed} with the upstream reason (its folder's command was refused; nothing changed for it).
 */
public record BatchResult(List<Item> items) {

    /** The outcome for one message id. */
    public record Item(UUID id, Status status, String reason, Kind failure) {
    }

    /** Outcome of one message. */
    public enum Status { DONE, NOT_FOUND, FAILED }

    /** For failed items: the upstream failure kind, so that the API can tell 502 from 504. */
    public enum Kind { REFUSED, TIMEOUT, UNAVAILABLE, CONFLICT }
}
