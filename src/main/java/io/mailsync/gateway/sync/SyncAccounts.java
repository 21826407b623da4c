package io.mailsync.gateway.sync;

import io.mailsync.gateway.account.AccountState;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Port: the accounts to keep in sync and their status as operators see it. Every method tolerates an
 * account deleted meanwhile (it then does nothing or answers empty).
 */
public interface SyncAccounts {

    /** Ids of all accounts that exist now. */
    Set<UUID> ids();

    /** The account with its login decrypted, or empty when it is gone. */
    Optional<SyncAccount> find(UUID accountId);

    /** Initial-sync progress: messages stored so far of those upstream. */
    void recordProgress(UUID accountId, long synced, long total);

    /**
     * The state after (or at the start of) a pass. An {@code account.updated} change is logged only when
     * the state differs from the stored one. {@code success} sets the last success time.
     */
    void recordState(UUID accountId, AccountState state, String lastError, boolean success, Quota quota);
}
