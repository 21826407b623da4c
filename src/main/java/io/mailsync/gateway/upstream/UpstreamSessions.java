package io.mailsync.gateway.upstream;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.config.MailsyncConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

/**
 * The one place that says how the gateway talks to upstream mail servers, whatever the protocol (IMAP, SMTP,
 * POP3): timeouts on connect, read and write, TLS as the account asks (STARTTLS required, never silently plain,
 * the server's name checked), XOAUTH2 for accounts that log in with an OAuth2 token. The write timeout of every
 * connection is enforced by one shared thread: left alone, Angus Mail starts a thread per connection for it,
 * and with an IDLE watch and a sync connection per account that is two per account.
 */
@ApplicationScoped
public class UpstreamSessions {

    static {
        // RFC 2231 parameters and RFC 2047 file names, as real mailers send them. Jakarta Mail reads
        // these once, when its MIME classes load: every upstream connection starts here, so they are set first.
        System.setProperty("mail.mime.decodeparameters", "true");
        System.setProperty("mail.mime.decodefilename", "true");
        System.setProperty("mail.mime.decodetext.strict", "false");
    }

    /** The upstream protocols, each with the Jakarta Mail provider it uses with and without TLS from the start. */
    public enum Protocol {
        IMAP("imap", "imaps"),
        SMTP("smtp", "smtps"),
        POP3("pop3", "pop3s");

        private final String plain;
        private final String tls;

        Protocol(String plain, String tls) {
            this.plain = plain;
            this.tls = tls;
        }

        /** The Jakarta Mail provider for this security: {@code imaps} for IMAP over TLS, {@code imap} otherwise. */
        public String provider(Security security) {
            return security == Security.SSL ? tls : plain;
        }

        /** Where this provider's properties start, e.g. {@code mail.imaps.}. */
        public String prefix(Security security) {
            return "mail." + provider(security) + ".";
        }
    }

    private final MailsyncConfig config;
    private final ScheduledThreadPoolExecutor writeTimeouts;

    public UpstreamSessions(MailsyncConfig config) {
        this.config = config;
        this.writeTimeouts = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mailsync-upstream-write-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // every write schedules a timeout and cancels it when done: cancelled ones must not pile up
        writeTimeouts.setRemoveOnCancelPolicy(true);
    }

    /** Ends the shared write-timeout thread; the application does at shutdown, tests that built these by hand too. */
    @PreDestroy
    public void stop() {
        writeTimeouts.shutdownNow();
    }

    /** A session for one connection to this endpoint; the caller opens the {@link Protocol#provider} store or transport. */
    public Session session(Protocol protocol, UpstreamEndpoint endpoint, AuthKind authKind) {
        return Session.getInstance(properties(protocol, endpoint, authKind));
    }

    /** The Jakarta Mail properties of a connection to this endpoint, for callers that add settings of their own. */
    public Properties properties(Protocol protocol, UpstreamEndpoint endpoint, AuthKind authKind) {
        String timeout = Long.toString(config.upstream().timeout().toMillis());
        String p = protocol.prefix(endpoint.security());
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", timeout);
        props.setProperty(p + "timeout", timeout);
        props.setProperty(p + "writetimeout", timeout);
        // every provider opens its socket through Angus' SocketFetcher, which takes the shared executor
        props.put(p + "executor.writetimeout", writeTimeouts);
        if (endpoint.security() == Security.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (endpoint.security() != Security.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        if (authKind == AuthKind.OAUTH2) {
            // the providers leave XOAUTH2 out unless it is named: the token would go as a password
            props.setProperty(p + "auth.mechanisms", "XOAUTH2");
        }
        switch (protocol) {
            case IMAP -> {
                props.setProperty(p + "fetchsize", Integer.toString(256 * 1024));
                props.setProperty(p + "partialfetch", "true");
                props.setProperty(p + "peek", "true");
                props.setProperty(p + "connectionpoolsize", "1");
                props.setProperty(p + "connectionpooltimeout", "45000");
            }
            case SMTP -> props.setProperty(p + "auth", "true");
            case POP3 -> { }
            default -> throw new IllegalArgumentException("unknown protocol " + protocol);
        }
        return props;
    }

    /**
     * Closes a connection (null: none was opened) once its work is done: the work succeeded or failed already,
     * so a failing LOGOUT (IMAP) or QUIT (POP3) changes nothing and is not raised.
     */
    public static void logOut(Store store) {
        logOut(store, failure -> { });
    }

    /** {@link #logOut(Store)}, telling {@code failed} when the LOGOUT or QUIT failed. */
    public static void logOut(Store store, Consumer<Exception> failed) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            failed.accept(e);
        }
    }
}
