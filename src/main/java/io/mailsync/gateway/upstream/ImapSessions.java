package io.mailsync.gateway.upstream;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Opens upstream IMAP connections with the gateway's rules: timeouts on every call, TLS as the
 * account asks (STARTTLS required, never silently plain), bounded fetch sizes. The write timeout of
 * every connection is enforced by one shared thread: left alone, Angus Mail starts a thread per
 * connection for it, and with an IDLE watch and a sync connection per account that is two per account.
 */
@ApplicationScoped
public class ImapSessions {

    static {
        // RFC 2231 parameters and RFC 2047 file names, as real mailers send them. Jakarta Mail reads
        // these once, when its MIME classes load: every upstream connection starts here, so they are set first.
        System.setProperty("mail.mime.decodeparameters", "true");
        System.setProperty("mail.mime.decodefilename", "true");
        System.setProperty("mail.mime.decodetext.strict", "false");
    }

    private final MailsyncConfig config;
    private final ScheduledThreadPoolExecutor writeTimeouts;

    public ImapSessions(MailsyncConfig config) {
        this.config = config;
        this.writeTimeouts = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mailsync-imap-write-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // every write schedules a timeout and cancels it when done: cancelled ones must not pile up
        writeTimeouts.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        writeTimeouts.shutdownNow();
    }

    /** Connects and logs in; the caller closes the store. */
    public IMAPStore connect(UpstreamEndpoint endpoint, UpstreamLogin login) throws MessagingException {
        Session session = Session.getInstance(properties(endpoint, login.authKind()));
        String protocol = endpoint.security() == Security.SSL ? "imaps" : "imap";
        Store store = session.getStore(protocol);
        store.connect(endpoint.host(), endpoint.port(), login.username(), login.secret());
        return (IMAPStore) store;
    }

    public Properties properties(UpstreamEndpoint endpoint, AuthKind authKind) {
        String timeout = Long.toString(config.upstream().timeout().toMillis());
        String p = endpoint.security() == Security.SSL ? "mail.imaps." : "mail.imap.";
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", timeout);
        props.setProperty(p + "timeout", timeout);
        props.setProperty(p + "writetimeout", timeout);
        props.put(p + "executor.writetimeout", writeTimeouts);
        props.setProperty(p + "fetchsize", Integer.toString(256 * 1024));
        props.setProperty(p + "partialfetch", "true");
        props.setProperty(p + "peek", "true");
        props.setProperty(p + "connectionpoolsize", "1");
        props.setProperty(p + "connectionpooltimeout", "45000");
        if (endpoint.security() == Security.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (endpoint.security() != Security.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        if (authKind == AuthKind.OAUTH2) {
            props.setProperty(p + "auth.mechanisms", "XOAUTH2");
        }
        return props;
    }
}
