package io.mailsync.gateway.sync.imap;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.UpstreamConnector;
import io.mailsync.gateway.sync.UpstreamMailbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Opens the sync engine's IMAP connections through {@link ImapSessions}, holding at most
 * {@code mailsync.upstream.max-connections-per-host} sync connections to one upstream host.
 */
@ApplicationScoped
public class ImapUpstreamConnector implements UpstreamConnector {

    private final ImapSessions sessions;
    private final MailsyncConfig config;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();

    public ImapUpstreamConnector(ImapSessions sessions, MailsyncConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    @Override
    public UpstreamMailbox connect(SyncAccount account) throws UpstreamException {
        String host = account.endpoint().host().toLowerCase(Locale.ROOT);
        Semaphore permits = hosts.computeIfAbsent(host,
                h -> new Semaphore(Math.max(1, config.upstream().maxConnectionsPerHost())));
        try {
            if (!permits.tryAcquire(config.upstream().timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE,
                        "connection limit for " + host + " reached, retrying later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "interrupted");
        }
        try {
            IMAPStore store = sessions.connect(account.endpoint(), account.login());
            return new ImapUpstreamMailbox(store, account.endpoint(), account.login(), permits::release);
        } catch (MessagingException e) {
            permits.release();
            throw UpstreamFailures.translate(e, account.endpoint(), account.login());
        } catch (RuntimeException e) {
            permits.release();
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "cannot connect to " + host + ": "
                    + UpstreamFailures.sanitise(e.getMessage(), account.login().secret()));
        }
    }

    /** Connections held now towards a host (for metrics and tests). */
    public int connectionsTo(String host) {
        Semaphore permits = hosts.get(host.toLowerCase(Locale.ROOT));
        return permits == null ? 0 : config.upstream().maxConnectionsPerHost() - permits.availablePermits();
    }
}
