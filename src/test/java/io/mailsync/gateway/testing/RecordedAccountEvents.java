package io.mailsync.gateway.testing;

import io.mailsync.gateway.account.AccountRegistered;
import io.mailsync.gateway.account.AccountRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Observes account events the way the sync engine does, after commit, so tests can see them. */
@ApplicationScoped
public class RecordedAccountEvents {
    private final Set<UUID> registered = ConcurrentHashMap.newKeySet();
    private final Set<UUID> removed = ConcurrentHashMap.newKeySet();

    // methods, not fields: tests reach this bean through its client proxy
    public boolean wasRegistered(UUID accountId) {
        return registered.contains(accountId);
    }

    public boolean wasRemoved(UUID accountId) {
        return removed.contains(accountId);
    }

    void onRegistered(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRegistered event) {
        registered.add(event.accountId());
    }

    void onRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved event) {
        removed.add(event.accountId());
    }
}
