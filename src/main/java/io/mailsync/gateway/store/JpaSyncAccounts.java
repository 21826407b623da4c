package io.mailsync.gateway.store;

import io.mailsync.gateway.account.AccountEntity;
import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.account.CredentialCipher;
import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.sync.Quota;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.SyncAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The accounts the sync engine serves, and the sync status it records on them. */
@ApplicationScoped
@Transactional
public class JpaSyncAccounts implements SyncAccounts {

    private final EntityManager em;
    private final ChangeLog changeLog;
    private final CredentialCipher cipher;

    JpaSyncAccounts(EntityManager em, ChangeLog changeLog, CredentialCipher cipher) {
        this.em = em;
        this.changeLog = changeLog;
        this.cipher = cipher;
    }

    @Override
    public Set<UUID> ids() {
        return new HashSet<>(em.createQuery("select a.id from AccountEntity a", UUID.class).getResultList());
    }

    @Override
    public Optional<SyncAccount> find(UUID accountId) {
        AccountEntity account = em.find(AccountEntity.class, accountId);
        if (account == null) {
            return Optional.empty();
        }
        return Optional.of(new SyncAccount(account.id, account.imapEndpoint(), cipher.login(account), account.state));
    }

    @Override
    public void recordProgress(UUID accountId, long synced, long total) {
        em.createQuery("update AccountEntity a set a.progressSynced = :s, a.progressTotal = :t where a.id = :id")
                .setParameter("s", synced)
                .setParameter("t", Math.max(total, synced))
                .setParameter("id", accountId)
                .executeUpdate();
    }

    @Override
    public void recordState(UUID accountId, AccountState state, String lastError, boolean success, Quota quota) {
        AccountEntity account = em.find(AccountEntity.class, accountId);
        if (account == null) {
            return;
        }
        AccountState before = account.state;
        account.state = state;
        Instant now = Instant.now();
        if (lastError != null && !lastError.equals(account.lastError)) {
            account.lastErrorAt = now;
        }
        account.lastError = lastError;
        if (success) {
            account.lastSuccessAt = now;
            account.progressSynced = account.progressTotal;
        }
        if (quota != null) {
            account.quotaUsedKib = quota.usedKib();
            account.quotaLimitKib = quota.limitKib();
        }
        if (before != state) {
            changeLog.append(accountId, new Change(accountId, null, Origin.UPSTREAM,
                    new ChangeData.AccountUpdated(state.wireName(), lastError)));
        }
    }
}
