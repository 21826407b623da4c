package io.mailsync.gateway.account;

import java.time.Instant;
import java.util.UUID;

/** An account and its sync status as the service hands it out: no secret, no entity. */
public record Account(UUID id, String email, String username, UpstreamEndpoint imap, UpstreamEndpoint smtp,
        UpstreamEndpoint pop3, AccountState state, long progressSynced, long progressTotal, Instant lastSuccessAt,
        String lastError, Instant lastErrorAt, Long quotaUsedKib, Long quotaLimitKib, Instant createdAt) {

    static Account of(AccountEntity e) {
        return new Account(e.id, e.email, e.username, e.imapEndpoint(), e.smtpEndpoint(), e.pop3Endpoint(),
                e.state, e.progressSynced, e.progressTotal, e.lastSuccessAt, e.lastError, e.lastErrorAt,
                e.quotaUsedKib, e.quotaLimitKib, e.createdAt);
    }
}
