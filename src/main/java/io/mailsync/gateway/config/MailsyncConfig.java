package io.mailsync.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every {@code mailsync.*} setting of the gateway, typed, with its default. */
@ConfigMapping(prefix = "mailsync")
public interface MailsyncConfig {

    /** Bearer token that manages accounts (env MAILSYNC_OPERATOR_TOKEN). Required. */
    String operatorToken();

    Credentials credentials();

    Upstream upstream();

    Sync sync();

    Pop3 pop3();

    /** Encryption of upstream passwords and tokens at rest. */
    interface Credentials {
        /** Base64 of a 32-byte AES key (env MAILSYNC_CREDENTIALS_KEY). Required. */
        String key();
    }

    /** How the gateway talks to users' mail servers. */
    interface Upstream {
        /** Accept account hosts on loopback and private ranges (tests and the demo only). */
        @WithDefault("false")
        boolean allowPrivateHosts();

        /** Connect and read timeout of every upstream call. */
        @WithDefault("20S")
        Duration timeout();

        /** Simultaneous connections the gateway opens to one upstream host. */
        @WithDefault("50")
        int maxConnectionsPerHost();
    }

    /** The IMAP sync engine. */
    interface Sync {
        /** Whether the sync engine runs at all in this instance. */
        @WithDefault("true")
        boolean enabled();

        /** How often each account's folders are checked with STATUS. */
        @WithDefault("15S")
        Duration pollInterval();

        /** Accounts synced at the same time: the size of the shared worker pool. */
        @WithDefault("8")
        int workers();

        /** Messages fetched and stored per batch during initial sync. */
        @WithDefault("500")
        int batchSize();

        /** Largest pause between reconnect attempts after upstream failures. */
        @WithDefault("5M")
        Duration maxBackoff();

        /** Keep an IDLE connection on INBOX for low-latency updates. */
        @WithDefault("true")
        boolean idle();

        /**
         * How long an INBOX IDLE watch may go without a sign of life (a change or a check) before the next
         * pass checks it with a round trip; finds a connection that died without a word within this time.
         */
        @WithDefault("5M")
        Duration idleCheck();
    }

    /** The POP3 listener that lets POP devices connect. */
    interface Pop3 {
        /** Listener port (env MAILSYNC_POP3_PORT). */
        @WithDefault("1110")
        int port();

        /** Listener address; loopback unless the operator exposes it. */
        @WithDefault("127.0.0.1")
        String host();

        /** Whether this instance runs the POP3 listener. */
        @WithDefault("true")
        boolean enabled();

        /** POP3 sessions served at once; one more is refused with -ERR [SYS/TEMP]. */
        @WithDefault("64")
        int maxSessions();

        /** A session that sends no command for this long is closed (RFC 1939: at least 10 minutes). */
        @WithDefault("10M")
        Duration idleTimeout();

        /** Pause before answering a failed login, against password guessing; the third failure closes. */
        @WithDefault("2S")
        Duration loginFailureDelay();

        /** How often "leave on server for N days" is applied. */
        @WithDefault("1H")
        Duration expiryInterval();
    }
}
