package io.mailsync.gateway.sync.imap;

import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.UpstreamConnector;
import io.mailsync.gateway.sync.UpstreamMailbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Opens the sync engine's IMAP connections through {@link ImapSessions}, within the per-host
 * connection limit ({@link HostConnectionLimit}).
 */
@ApplicationScoped
public class ImapUpstreamConnector implements UpstreamConnector {

    private final ImapSessions sessions;
    private final HostConnectionLimit limit;

    public ImapUpstreamConnector(ImapSessions sessions, HostConnectionLimit limit) {
        this.sessions = sessions;
        this.limit = limit;
    }

    @Override
    public UpstreamMailbox connect(SyncAccount account) throws UpstreamException {
        Runnable release = limit.acquire(account.endpoint().host());
        try {
            IMAPStore store = sessions.connect(account.endpoint(), account.login());
            String host = account.endpoint().host();
            return new ImapUpstreamMailbox(store, account.endpoint(), account.login(), release,
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

    /** Connections held now towards a host (for metrics and tests). */
    public int connectionsTo(String host) {
        return limit.held(host);
    }
}
