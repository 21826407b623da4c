package io.mailsync.gateway.upstream;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.upstream.UpstreamSessions.Protocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Opens upstream IMAP connections, logged in, with the gateway's rules of {@link UpstreamSessions}: every
 * part of the gateway that reads or writes IMAP (sync, IDLE, commands, message reads, the login check)
 * connects here.
 */
@ApplicationScoped
public class ImapSessions {

    private final UpstreamSessions sessions;

    public ImapSessions(UpstreamSessions sessions) {
        this.sessions = sessions;
    }

    /** Connects and logs in; the caller closes the store. */
    public IMAPStore connect(UpstreamEndpoint endpoint, UpstreamLogin login) throws MessagingException {
        Session session = sessions.session(Protocol.IMAP, endpoint, login.authKind());
        Store store = session.getStore(Protocol.IMAP.provider(endpoint.security()));
        store.connect(endpoint.host(), endpoint.port(), login.username(), login.secret());
        return (IMAPStore) store;
    }

    /** The properties of an IMAP connection to this endpoint, for connections with settings of their own. */
    public Properties properties(UpstreamEndpoint endpoint, AuthKind authKind) {
        return sessions.properties(Protocol.IMAP, endpoint, authKind);
    }
}
