package io.mailsync.gateway.sync;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Port: which accounts this instance may sync. Several replicas share one database; a lease per account,
 * held by one instance and renewed while it lives, makes sure each account is synced by exactly one of
 * them, and lets the others take over the accounts of an instance that died once its leases run out.
 */
public interface SyncLeases {

    /**
     * In one step: records that {@code instanceId} is alive, renews its leases for {@code ttl}, gives back
     * those above its fair share of the accounts (accounts divided by live instances, rounded up) and claims
     * free or expired ones up to that share.
     *
     * @return the accounts this instance holds now, each until at least {@code ttl} after the call began
     */
    Set<UUID> renew(String instanceId, Duration ttl);

    /** Gives back every lease of the instance, e.g. on a clean shutdown, so others take over at once. */
    void releaseAll(String instanceId);
}
