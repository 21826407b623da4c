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

    Observability observability();

    /** What operators see of the gateway: metrics and health. */
    interface Observability {
        /** How often the account figures behind metrics and readiness are read from the database. */
        @WithDefault("10S")
        Duration refresh();
    }

    Devices devices();

    RateLimit rateLimit();

    Changes changes();

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

        /**
         * How long an instance's claim on an account lasts without renewal. Replicas share the accounts; when one
         * dies, the others take over its accounts within about this time plus a quarter of it.
         */
        @WithDefault("20S")
        Duration leaseTtl();
    }

    /** The POP3 listener that lets POP devices connect. */
    interface Pop3 {
        /** Listener port (env MAILSYNC_POP3_PORT). */
        @WithDefault("1110")
        int port();

        /** Listener address; loopback unless the operator exposes it. */
        @WithDefault("127.0.0.1")
        String host();
    }

    /** Devices of an account and their tokens. */
    interface Devices {
        /** Devices one account may have at once. */
        @WithDefault("100")
        int maxPerAccount();

        /** How long a replica trusts a token it looked up; bounds how late another replica's revocation applies. */
        @WithDefault("5S")
        Duration tokenCacheTtl();

        /** Tokens (and devices) a replica remembers at most in its token and activity caches. */
        @WithDefault("10000")
        int tokenCacheSize();

        /** A device's last activity is written at most this often. */
        @WithDefault("1M")
        Duration activityInterval();
    }

    /** Requests per bearer token: a token bucket each, in memory, per replica. */
    interface RateLimit {
        /** Whether requests are limited at all. */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second one token may make. */
        @WithDefault("20")
        double requestsPerSecond();

        /** Requests one token may make in a burst above the sustained rate. */
        @WithDefault("100")
        int burst();

        /** Tokens tracked at most; idle ones are forgotten first, so the limiter's memory stays bounded. */
        @WithDefault("10000")
        int maxTrackedTokens();
    }

    /** The changes feed and the live stream. */
    interface Changes {
        /** Changes are kept at least this long; an older cursor answers 410. */
        @WithDefault("30D")
        Duration retention();

        /** How often the retention job deletes expired changes. */
        @WithDefault("1H")
        Duration retentionCheck();

        /** Changes per feed page when the client gives no limit. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest feed page a client may ask for. */
        @WithDefault("500")
        int maxPageSize();

        Stream stream();

        /** Server-Sent Events streams. */
        interface Stream {
            /** Interval of heartbeat comments; each heartbeat also re-reads the log, so a lost signal costs at most this. */
            @WithDefault("15S")
            Duration heartbeat();

            /** Events written but not yet sent to a client; beyond this the client is too slow and is dropped. */
            @WithDefault("256")
            int maxPendingEvents();

            /** A client whose writes have not progressed for this long is dropped. */
            @WithDefault("60S")
            Duration stallTimeout();

            /** Open streams one replica serves at most; more answer 429. */
            @WithDefault("10000")
            int maxStreams();
        }
    }
}
