package io.mailsync.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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

    Api api();

    /** The REST API's own settings. */
    interface Api {
        /**
         * Memory for message list pages kept ready to send, in bytes; 0 turns the cache off. A kept page is sent
         * again only while the account's change sequence has not moved, which every replica reads from the
         * database on each request, so a page is never older than the mail it shows.
         */
        @WithDefault("16777216")
        long pageCacheBytes();
    }

    /** What operators see of the gateway: metrics and health. */
    interface Observability {
        /** How often the account figures behind metrics and readiness are read from the database. */
        @WithDefault("10S")
        Duration refresh();
    }

    Events events();

    Devices devices();

    RateLimit rateLimit();

    Changes changes();

    Commands commands();

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

        /**
         * Simultaneous connections the gateway opens to one upstream host, IDLE watches included. Each account
         * uses two (its IDLE watch and its sync connection): allow twice the accounts an instance holds on the
         * host. Beyond that, passes still run (a reserve of one slot per sync worker stays free for them), and
         * the accounts without room are polled over short-lived connections.
         */
        @WithDefault("2500")
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

        /**
         * Check INBOX with STATUS over a second connection per account that does nothing else (when the host's
         * connection limit leaves room): Dovecot answers STATUS INBOX in a session that has run LIST by
         * reopening INBOX, at a cost that grows with its size.
         */
        @WithDefault("true")
        boolean statusConnection();

        /** How often an account's quota is read (GETQUOTAROOT); servers may add up every folder to answer it. */
        @WithDefault("5M")
        Duration quotaInterval();

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

    /** Change events to Kafka: the outbox relay and the fan-out consumer (events/). */
    interface Events {
        /** Whether this instance relays the change log to Kafka and reads it back for other replicas' changes. */
        @WithDefault("true")
        boolean enabled();

        /** Topic of the change events; the record key is the account id. */
        @WithDefault("mailsync.changes")
        String topic();

        /** Change-log entries of one account published in one relay pass. */
        @WithDefault("500")
        int batchSize();

        /** Accounts one relay pass takes (and locks against other replicas) at most. */
        @WithDefault("50")
        int accountsPerPass();

        /** How often the relay looks for unpublished entries when no local commit woke it (other replicas, restarts). */
        @WithDefault("1S")
        Duration interval();

        /** Longest pause between relay attempts while Kafka is unreachable. */
        @WithDefault("30S")
        Duration maxBackoff();

        /** How long a publication may wait for the broker's acknowledgement before the pass is retried. */
        @WithDefault("15S")
        Duration sendTimeout();

        /** Largest event in bytes; a larger one is dead-lettered (keep at or below the topic's max.message.bytes). */
        @WithDefault("1000000")
        int maxEventBytes();

        /** How often the backlog metric is recounted. */
        @WithDefault("5S")
        Duration backlogRefresh();

        /** Whether this replica reads the topic to wake its live streams for changes other replicas recorded. */
        @WithDefault("true")
        boolean fanOut();

        /** This replica's name (env MAILSYNC_EVENTS_INSTANCE_ID, e.g. the pod name); a random one per start when unset. */
        Optional<String> instanceId();
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

    /** Write-through commands, drafts, send and Idempotency-Key. */
    interface Commands {
        /**
         * After a send, how long the gateway looks in Sent for a copy the server filed itself before it
         * appends one (servers that file sent mail do it within a second or two of accepting it).
         */
        @WithDefault("3S")
        Duration sentCopyWait();

        /** How long the answer to a POST with an Idempotency-Key is kept and replayed. */
        @WithDefault("24H")
        Duration idempotencyRetention();

        /** Most message ids in one batch command. */
        @WithDefault("1000")
        int maxBatch();
    }
}
