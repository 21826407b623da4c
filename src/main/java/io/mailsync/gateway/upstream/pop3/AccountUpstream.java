package io.mailsync.gateway.upstream.pop3;

import io.mailsync.gateway.account.AccountEntity;
import io.mailsync.gateway.account.CredentialCipher;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Where an account's servers are and how to log in, read for the duration of one upstream call. */
@ApplicationScoped
class AccountUpstream {

    /** The account's IMAP and POP3 endpoints (POP3 may be null) and its decrypted login. */
    record Endpoints(UpstreamEndpoint imap, UpstreamEndpoint pop3, UpstreamLogin login) {
        @Override
        public String toString() {
            return "Endpoints[imap=" + imap + ", pop3=" + pop3 + "]";
        }
    }

    private final CredentialCipher credentials;

    AccountUpstream(CredentialCipher credentials) {
        this.credentials = credentials;
    }

    Optional<Endpoints> of(UUID accountId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            AccountEntity account = AccountEntity.findById(accountId);
            if (account == null) {
                return Optional.<Endpoints>empty();
            }
            UpstreamEndpoint pop3 = account.pop3Host == null || account.pop3Port == null
                    || account.pop3Security == null ? null
                    : new UpstreamEndpoint(account.pop3Host, account.pop3Port, account.pop3Security);
            return Optional.of(new Endpoints(account.imapEndpoint(), pop3, credentials.login(account)));
        });
    }

    /** Whether the account exists and has (or has not) a POP3 endpoint, without decrypting anything. */
    Optional<Boolean> hasPop3(UUID accountId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            AccountEntity account = AccountEntity.findById(accountId);
            return account == null ? Optional.<Boolean>empty() : Optional.of(account.pop3Host != null);
        });
    }
}
