package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.account.UpstreamLoginCheck;
import io.mailsync.gateway.upstream.ImapSessions;
import io.mailsync.gateway.upstream.UpstreamFailures;
import io.mailsync.gateway.upstream.UpstreamSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;

/** Verifies a login on the account's IMAP server with the gateway's connection rules, before registration. */
@ApplicationScoped
class ImapLoginCheck implements UpstreamLoginCheck {

    private final ImapSessions sessions;

    ImapLoginCheck(ImapSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void verify(UpstreamEndpoint imap, UpstreamLogin login) {
        IMAPStore store = null;
        try {
            store = sessions.connect(imap, login);
        } catch (MessagingException e) {
            throw UpstreamFailures.translate(e, imap, login);
        } finally {
            UpstreamSessions.logOut(store);
        }
    }
}
