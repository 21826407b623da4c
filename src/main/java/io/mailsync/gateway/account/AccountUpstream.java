package io.mailsync.gateway.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an account's servers are and how to log in, read for the duration of one upstream call: how the IMAP,
 * SMTP and POP3 clients reach an account without reading its table.
 */
@ApplicationScoped
public class AccountUpstream {

    /** The account's IMAP endpoint, its SMTP and POP3 endpoints (each null when it has none), its decrypted login. */
    public record Endpoints(UpstreamEndpoint imap, UpstreamEndpoint smtp, UpstreamEndpoint pop3, UpstreamLogin login) {
        @Override
        public String toString() {
            return "Endpoints[imap=" + imap + ", smtp=" + smtp + ", pop3=" + pop3 + "]";
        }
    }

    private final CredentialCipher credentials;

    public AccountUpstream(CredentialCipher credentials) {
        this.credentials = credentials;
    }

    /** The account's endpoints with its login decrypted now, or empty when the account is gone. */
    public Optional<Endpoints> of(UUID accountId) {
        // joins the caller's transaction, or takes a short one of its own when called outside any
        return QuarkusTransaction.joiningExisting().call(() -> {
            AccountEntity account = AccountEntity.findById(accountId);
            if (account == null) {
                return Optional.<Endpoints>empty();
            }
            return Optional.of(new Endpoints(account.imapEndpoint(), account.smtpEndpoint(), account.pop3Endpoint(),
                    credentials.login(account)));
        });
    }

    /** Whether the account exists and has (or has not) a POP3 endpoint, without decrypting anything. */
    public Optional<Boolean> hasPop3(UUID accountId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            AccountEntity account = AccountEntity.findById(accountId);
            return account == null ? Optional.<Boolean>empty() : Optional.of(account.pop3Host != null);
        });
    }
}
