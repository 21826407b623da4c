package io.mailsync.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.MailsyncTestConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;

/** Upstream connections cost no thread each: a gateway with thousands of them keeps a fixed set of threads. */
class ImapSessionsTest {

    private static final int CONNECTIONS = 6;
    /** Angus's own write-timeout executor, one per connection unless it is given a shared one. */
    private static final Pattern POOL = Pattern.compile("pool-\\d+-thread-\\d+");
    private static final Pattern SHARED = Pattern.compile("mailsync-upstream-write-timeouts");

    @Test
    void openConnectionsShareOneWriteTimeoutThread() throws Exception {
        // threads are told apart by identity, not counted: other parts of this JVM (an application of an
        // earlier test winding down, its pools) start and end threads of these names while this test runs
        Set<Thread> sharedBefore = threads(SHARED);
        UpstreamSessions upstreamSessions = new UpstreamSessions(config());
        ImapSessions sessions = new ImapSessions(upstreamSessions);
        List<IMAPStore> stores = new ArrayList<>();
        try (GreenMailUpstream upstream = new GreenMailUpstream("sessions-" + System.nanoTime())) {
            UpstreamEndpoint endpoint = new UpstreamEndpoint("127.0.0.1", upstream.port(), Security.NONE);
            UpstreamLogin login = new UpstreamLogin(upstream.username, upstream.password, AuthKind.PASSWORD);
            Set<Thread> before = threads(POOL);
            for (int i = 0; i < CONNECTIONS; i++) {
                IMAPStore store = sessions.connect(endpoint, login);
                stores.add(store);
                // a write on each connection: Angus starts its write-timeout thread on the first one
                store.getFolder("INBOX").exists();
            }
            assertTrue(stores.stream().allMatch(IMAPStore::isConnected));
            Set<Thread> started = threads(POOL);
            started.removeAll(before);
            // a connection with a write-timeout thread of its own would start one per connection: CONNECTIONS
            // of them; fewer can only be some other part of the JVM
            assertTrue(started.size() < CONNECTIONS,
                    "no connection started a write-timeout thread of its own (pool-N-thread-M): " + started);
            // other sessions of this test JVM (the application's own) may hold theirs: this one adds exactly one
            Set<Thread> shared = threads(SHARED);
            shared.removeAll(sharedBefore);
            assertEquals(1, shared.size(), "write-timeout threads started: " + shared);
        } finally {
            for (IMAPStore store : stores) {
                store.close();
            }
            upstreamSessions.stop();
        }
    }

    private static Set<Thread> threads(Pattern name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && name.matcher(t.getName()).matches())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static MailsyncConfig config() {
        return MailsyncTestConfig.of(Map.of(
                "mailsync.upstream.timeout", "10S"));
    }
}
