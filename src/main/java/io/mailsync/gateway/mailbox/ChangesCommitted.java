package io.mailsync.gateway.mailbox;

import java.util.UUID;

/**
 * Signal that an account's change log reached {@code lastSequence} and that the entries are committed,
 * so that live streams can read them. It carries no change itself: listeners read the log, which keeps
 * a repeated or late signal harmless (no gap, no duplicate).
 */
public record ChangesCommitted(UUID accountId, long lastSequence) {
    public ChangesCommitted {
        if (accountId == null || lastSequence < 1) {
            throw new IllegalArgumentException("a committed change has an account and a positive sequence");
        }
    }
}
