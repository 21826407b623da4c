package io.mailsync.gateway.sync.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;

/** Upstream connections cost no thread each: a gateway with thousands of them keeps a fixed set of threads. */
class ImapSessionsTest {

    private static final int CONNECTIONS = 6;

    @Test
    void openConnectionsShareOneWriteTimeoutThread() throws Exception {
        long sharedBefore = sharedWriteTimeoutThreads();
        ImapSessions sessions = new ImapSessions(config());
        List<IMAPStore> stores = new ArrayList<>();
        try (GreenMailUpstream upstream = new GreenMailUpstream("sessions-" + System.nanoTime())) {
            UpstreamEndpoint endpoint = new UpstreamEndpoint("127.0.0.1", upstream.port(), Security.NONE);
            UpstreamLogin login = new UpstreamLogin(upstream.username, upstream.password, AuthKind.PASSWORD);
            long before = writeTimeoutThreads();
            for (int i = 0; i < CONNECTIONS; i++) {
                IMAPStore store = sessions.connect(endpoint, login);
                stores.add(store);
                // a write on each connection: Angus starts its write-timeout thread on the first one
                store.getFolder("INBOX").exists();
            }
            assertTrue(stores.stream().allMatch(IMAPStore::isConnected));
            assertEquals(before, writeTimeoutThreads(),
                    "no connection started a write-timeout thread of its own (pool-N-thread-M)");
            // other sessions of this test JVM (the application's own) may hold theirs: this one adds exactly one
            assertEquals(sharedBefore + 1, sharedWriteTimeoutThreads());
        } finally {
            for (IMAPStore store : stores) {
                store.close();
            }
            sessions.stop();
        }
    }

    private static long sharedWriteTimeoutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("mailsync-imap-write-timeouts"))
                .count();
    }

    private static long writeTimeoutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("pool-\\d+-thread-\\d+"))
                .count();
    }

    private static MailsyncConfig config() {
        return new SmallRyeConfigBuilder()
                .withMapping(MailsyncConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of(
                        "mailsync.operator-token", "t",
                        "mailsync.credentials.key", "k",
                        "mailsync.upstream.timeout", "10S"), "test", 500))
                .build()
                .getConfigMapping(MailsyncConfig.class);
    }
}
