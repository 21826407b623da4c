package io.mailsync.gateway.account;

import java.util.UUID;

/**
 * Fired when an account has been registered; observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to start syncing once the row is committed.
 */
public record AccountRegistered(UUID accountId) {
}
