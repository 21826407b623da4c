package io.mailsync.gateway.account;

import java.util.UUID;

/**
 * Fired when an account and its mirror have been deleted; observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to stop syncing it.
 */
public record AccountRemoved(UUID accountId) {
}
