package io.mailsync.gateway.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Registers, lists and removes upstream accounts: every change to the account table goes through here. */
@ApplicationScoped
@Transactional
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    private static final String UNIQUE_LOGIN = "account_upstream_login_unique";

    private final UpstreamLoginCheck loginCheck;
    private final UpstreamHostPolicy hostPolicy;
    private final CredentialCipher cipher;
    private final Event<AccountRegistered> registered;
    private final Event<AccountRemoved> removed;

    public AccountService(UpstreamLoginCheck loginCheck, UpstreamHostPolicy hostPolicy, CredentialCipher cipher,
            Event<AccountRegistered> registered, Event<AccountRemoved> removed) {
        this.loginCheck = loginCheck;
        this.hostPolicy = hostPolicy;
        this.cipher = cipher;
        this.registered = registered;
        this.removed = removed;
    }

    /**
     * Checks the hosts, verifies the IMAP login upstream, then stores the account with its secret
     * encrypted and announces it with {@link AccountRegistered} once committed. No transaction is held
     * while the upstream server is being asked: that can take as long as the upstream timeout.
     *
     * @throws UpstreamHostRefused if a host is on a private range the configuration does not allow
     * @throws io.mailsync.gateway.mailbox.UpstreamException if the login cannot be verified
     * @throws LoginAlreadyRegistered if the same login on the same server is already registered
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public Account register(NewAccount request) {
        hostPolicy.check("imap.host", request.imap().host());
        if (request.smtp() != null) {
            hostPolicy.check("smtp.host", request.smtp().host());
        }
        if (request.pop3() != null) {
            hostPolicy.check("pop3.host", request.pop3().host());
        }
        if (loginTaken(request)) {
            throw new LoginAlreadyRegistered();
        }
        loginCheck.verify(request.imap(), request.login());
        try {
            return QuarkusTransaction.requiringNew().call(() -> insert(request));
        } catch (RuntimeException e) {
            if (violates(e, UNIQUE_LOGIN)) {
                // registered by a concurrent request between the check and the insert
                throw new LoginAlreadyRegistered();
            }
            throw e;
        }
    }

    @Transactional(TxType.SUPPORTS)
    public Optional<Account> find(UUID accountId) {
        return AccountEntity.<AccountEntity>findByIdOptional(accountId).map(Account::of);
    }

    /**
     * Which of these accounts still exist (removed through any replica or not), in one query per 1,000 ids; in a
     * transaction of its own also from threads without a request context (the change streams' heartbeat).
     */
    public Set<UUID> existing(Collection<UUID> accountIds) {
        List<UUID> ids = List.copyOf(new HashSet<>(accountIds));
        Set<UUID> found = new HashSet<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            found.addAll(AccountEntity.getEntityManager()
                    .createQuery("select a.id from AccountEntity a where a.id in :ids", UUID.class)
                    .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 1000)))
                    .getResultList());
        }
        return found;
    }

    /**
     * Accounts in registration order, {@code limit} at a time, after the given cursor (null: from the start).
     *
     * @throws UnknownCursor if the cursor is not one that {@link AccountPage#nextCursor()} gave
     */
    @Transactional(TxType.SUPPORTS)
    public AccountPage list(int limit, String cursor) {
        List<AccountEntity> rows;
        if (cursor == null) {
            rows = AccountEntity.find("order by createdAt, id").page(0, limit + 1).list();
        } else {
            Position after = Position.decode(cursor);
            rows = AccountEntity.find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id",
                    after.createdAt(), after.id()).page(0, limit + 1).list();
        }
        boolean more = rows.size() > limit;
        List<Account> items = rows.stream().limit(limit).map(Account::of).toList();
        String next = more ? Position.of(items.get(items.size() - 1)).encode() : null;
        return new AccountPage(items, next);
    }

    /**
     * Deletes the account; the database removes its folders, messages and change log with it.
     * {@link AccountRemoved} tells the sync engine to stop once the deletion is committed.
     *
     * @throws AccountNotFound if there is no such account
     */
    public void remove(UUID accountId) {
        long deleted = AccountEntity.delete("id", accountId);
        if (deleted == 0) {
            throw new AccountNotFound();
        }
        removed.fire(new AccountRemoved(accountId));
        LOG.infof("account %s removed", accountId);
    }

    private Account insert(NewAccount request) {
        AccountEntity entity = new AccountEntity();
        entity.id = UUID.randomUUID();
        entity.email = request.email();
        entity.username = request.login().username();
        entity.authKind = request.login().authKind();
        entity.secretCiphertext = cipher.encrypt(entity.id, request.login().secret());
        entity.imapHost = request.imap().host();
        entity.imapPort = request.imap().port();
        entity.imapSecurity = request.imap().security();
        if (request.smtp() != null) {
            entity.smtpHost = request.smtp().host();
            entity.smtpPort = request.smtp().port();
            entity.smtpSecurity = request.smtp().security();
        }
        if (request.pop3() != null) {
            entity.pop3Host = request.pop3().host();
            entity.pop3Port = request.pop3().port();
            entity.pop3Security = request.pop3().security();
        }
        entity.state = AccountState.INITIAL_SYNC;
        // the database keeps microseconds: keep the same here so that cursors compare equal
        entity.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entity.persistAndFlush();
        registered.fire(new AccountRegistered(entity.id));
        LOG.infof("account %s registered for %s on %s:%d", entity.id, entity.username, entity.imapHost,
                entity.imapPort);
        return Account.of(entity);
    }

    private boolean loginTaken(NewAccount request) {
        return AccountEntity.count("imapHost = ?1 and imapPort = ?2 and username = ?3", request.imap().host(),
                request.imap().port(), request.login().username()) > 0;
    }

    private static boolean violates(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    /** Where a page of accounts ends; travels to clients as an opaque cursor. */
    private record Position(Instant createdAt, UUID id) {
        static Position of(Account account) {
            return new Position(account.createdAt(), account.id());
        }

        String encode() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Position decode(String cursor) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                int colon = plain.indexOf(':');
                long micros = Long.parseLong(plain.substring(0, colon));
                return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
                        UUID.fromString(plain.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new UnknownCursor();
            }
        }
    }
}
