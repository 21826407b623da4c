package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.UpstreamConnector;
import io.mailsync.gateway.sync.UpstreamMailbox;
import io.mailsync.gateway.upstream.HostConnectionLimit;
import io.mailsync.gateway.upstream.ImapSessions;
import io.mailsync.gateway.upstream.UpstreamFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Opens the sync engine's IMAP connections through {@link ImapSessions}, within the per-host
 * connection limit ({@link HostConnectionLimit}).
 */
@ApplicationScoped
public class ImapUpstreamConnector implements UpstreamConnector {

    private final ImapSessions sessions;
    private final HostConnectionLimit limit;
    private final boolean statusConnection;
    private final java.time.Duration quotaInterval;

    public ImapUpstreamConnector(ImapSessions sessions, HostConnectionLimit limit, MailsyncConfig config) {
        this.sessions = sessions;
        this.limit = limit;
        this.statusConnection = config.sync().statusConnection();
        this.quotaInterval = config.sync().quotaInterval();
    }

    @Override
    public UpstreamMailbox connect(SyncAccount account) throws UpstreamException {
        Runnable release = limit.acquire(account.endpoint().host());
        try {
            IMAPStore store = sessions.connect(account.endpoint(), account.login());
            String host = account.endpoint().host();
            return new ImapUpstreamMailbox(store, account.endpoint(), account.login(), release,
                    statusConnection ? () -> openStatusConnection(account) : StatusConnections.NONE, quotaInterval,
                    () -> limit.roomToKeep(host));
        } catch (MessagingException e) {
            release.run();
            throw UpstreamFailures.translate(e, account.endpoint(), account.login());
        } catch (RuntimeException e) {
            release.run();
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "cannot connect to "
                    + account.endpoint().host() + ": " + UpstreamFailures.sanitise(e.getMessage(), account.login().secret()));
        }
    }

    /** A second login for STATUS, only when a connection slot is free now; any failure answers none. */
    private Optional<StatusConnections.Opened> openStatusConnection(SyncAccount account) {
        Optional<Runnable> slot = limit.tryAcquire(account.endpoint().host());
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StatusConnections.Opened(sessions.connect(account.endpoint(), account.login()),
                    slot.get()));
        } catch (MessagingException | RuntimeException e) {
            slot.get().run();
            return Optional.empty();
        }
    }

    /** Connections held now towards a host (for metrics and tests). */
    public int connectionsTo(String host) {
        return limit.held(host);
    }
}
