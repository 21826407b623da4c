package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.sync.InboxWatcher;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.upstream.HostConnectionLimit;
import io.mailsync.gateway.upstream.ImapSessions;
import io.mailsync.gateway.upstream.UpstreamSessions;
import io.mailsync.gateway.upstream.UpstreamFailures;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.iap.ResponseHandler;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.IdleManager;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.jboss.logging.Logger;

/**
 * IMAP IDLE on every account's INBOX with Angus Mail's {@link IdleManager}: one extra connection per
 * account, INBOX selected read-only, all of them waited on by one selector thread (plus a short-lived one
 * while an IDLE is being ended), never a thread per account. The IDLE connections use socket channels,
 * so they never share a session with the sync connections. What the server says during IDLE is read
 * by a response handler on the selector thread: Jakarta Mail's event queue can drop the CLOSED event of
 * a dropped connection (its dispatcher may start after the queue was already ended), and a lost watch
 * must never go unnoticed.
 */
@ApplicationScoped
public class ImapInboxWatcher implements InboxWatcher {

    private static final Logger LOG = Logger.getLogger(ImapInboxWatcher.class);

    private final ImapSessions sessions;
    private final HostConnectionLimit limit;
    private final MailsyncConfig config;
    private final Map<UUID, InboxIdle> watches = new ConcurrentHashMap<>();
    /** Accounts whose server has no IDLE: polling only, not asked again until unwatched. */
    private final Set<UUID> withoutIdle = ConcurrentHashMap.newKeySet();
    /** IDLE sessions by (security, auth kind): their properties differ only in these. */
    private final Map<String, Session> idleSessions = new ConcurrentHashMap<>();
    private ExecutorService selectorThread;
    private IdleManager idleManager;

    public ImapInboxWatcher(ImapSessions sessions, HostConnectionLimit limit, MailsyncConfig config) {
        this.sessions = sessions;
        this.limit = limit;
        this.config = config;
    }

    @Override
    public void watch(SyncAccount account, Consumer<UUID> onChange) throws UpstreamException {
        UUID id = account.id();
        if (withoutIdle.contains(id)) {
            return;
        }
        InboxIdle current = watches.get(id);
        if (current != null) {
            if (current.alive() && current.seenAlive().plus(config.sync().idleCheck()).isAfter(Instant.now())) {
                // IdleManager keeps watching after every untagged response: nothing to do
                return;
            }
            if (current.alive() && current.check()) {
                return;
            }
            watches.remove(id, current);
            current.close();
        }
        InboxIdle fresh = open(account, onChange);
        if (fresh == null) {
            withoutIdle.add(id);
            return;
        }
        InboxIdle previous = watches.put(id, fresh);
        if (previous != null) {
            previous.close();
        }
        fresh.startedWatching();
    }

    @Override
    public boolean isWatching(UUID accountId) {
        InboxIdle idle = watches.get(accountId);
        return idle != null && idle.alive();
    }

    @Override
    public void unwatch(UUID accountId) {
        withoutIdle.remove(accountId);
        InboxIdle idle = watches.remove(accountId);
        if (idle != null) {
            idle.close();
        }
    }

    @PreDestroy
    synchronized void shutdown() {
        Set.copyOf(watches.keySet()).forEach(this::unwatch);
        if (idleManager != null) {
            idleManager.stop();
            idleManager = null;
        }
        if (selectorThread != null) {
            selectorThread.shutdownNow();
            selectorThread = null;
        }
        idleSessions.clear();
    }

    /** Connects, selects INBOX and starts IDLE; null when the server has no IDLE. */
    private InboxIdle open(SyncAccount account, Consumer<UUID> onChange) throws UpstreamException {
        UpstreamEndpoint endpoint = account.endpoint();
        UpstreamLogin login = account.login();
        Runnable release = limit.acquireLongLived(endpoint.host());
        Store store = null;
        try {
            IdleManager manager = idleManager();
            Session session = session(endpoint, login.authKind());
            store = session.getStore(UpstreamSessions.Protocol.IMAP.provider(endpoint.security()));
            store.connect(endpoint.host(), endpoint.port(), login.username(), login.secret());
            if (!((IMAPStore) store).hasCapability("IDLE")) {
                LOG.infof("upstream of account %s has no IDLE: INBOX is polled", account.id());
                UpstreamSessions.logOut(store);
                release.run();
                return null;
            }
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            InboxIdle idle = new InboxIdle(account.id(), store, inbox, manager, release, onChange);
            inbox.doCommand(protocol -> {
                protocol.addResponseHandler(idle);
                return null;
            });
            manager.watch(inbox);
            LOG.debugf("watching INBOX of account %s", account.id());
            return idle;
        } catch (MessagingException e) {
            UpstreamSessions.logOut(store);
            release.run();
            throw UpstreamFailures.translate(e, endpoint, login);
        } catch (IOException | RuntimeException e) {
            UpstreamSessions.logOut(store);
            release.run();
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "cannot watch INBOX on "
                    + endpoint.host() + ": " + UpstreamFailures.sanitise(e.getMessage(), login.secret()));
        }
    }

    private synchronized IdleManager idleManager() throws IOException {
        if (idleManager == null) {
            if (selectorThread == null) {
                // the selector loop holds one thread for good; ending an IDLE with a read timeout (to close
                // or check a watch) runs on a second one, briefly: a single thread here would hang closes
                selectorThread = Executors.newCachedThreadPool(threads("mailsync-idle-"));
            }
            idleManager = new IdleManager(Session.getInstance(new Properties()), selectorThread);
        }
        return idleManager;
    }

    private Session session(UpstreamEndpoint endpoint, AuthKind authKind) {
        String key = endpoint.security() + "/" + authKind;
        return idleSessions.computeIfAbsent(key, k -> {
            Properties props = sessions.properties(endpoint, authKind);
            props.setProperty(UpstreamSessions.Protocol.IMAP.prefix(endpoint.security()) + "usesocketchannels", "true");
            return Session.getInstance(props);
        });
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * One account's IDLE connection: tells the engine of every change and of its own loss. Its handler
     * runs on the selector thread, so it only flags and asks; it never talks to the server.
     */
    private static final class InboxIdle implements ResponseHandler {
        private final UUID accountId;
        private final Store store;
        private final IMAPFolder inbox;
        private final IdleManager manager;
        private final Runnable release;
        private final Consumer<UUID> onChange;
        private final AtomicBoolean lost = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        /** We are ending the IDLE ourselves: its tagged OK is expected, not a loss. */
        private volatile boolean checking;
        private volatile Instant seenAlive = Instant.now();

        InboxIdle(UUID accountId, Store store, IMAPFolder inbox, IdleManager manager, Runnable release,
                  Consumer<UUID> onChange) {
            this.accountId = accountId;
            this.store = store;
            this.inbox = inbox;
            this.manager = manager;
            this.release = release;
            this.onChange = onChange;
        }

        boolean alive() {
            return !lost.get() && !closed.get();
        }

        Instant seenAlive() {
            return seenAlive;
        }

        /** A round trip on the IDLE connection (it leaves IDLE for a NOOP), then IDLE again. */
        synchronized boolean check() {
            checking = true;
            try {
                inbox.doCommand(protocol -> {
                    protocol.noop();
                    return null;
                });
                manager.watch(inbox);
                seenAlive = Instant.now();
                startedWatching();
                return alive();
            } catch (MessagingException | RuntimeException e) {
                LOG.debugf("IDLE connection of account %s is gone: %s", accountId, e.getMessage());
                lost.set(true);
                return false;
            } finally {
                checking = false;
            }
        }

        @Override
        public void handleResponse(Response response) {
            if (!alive()) {
                return;
            }
            if (response.isBYE()) {
                // the server dropped us (kick, shutdown, IDLE time limit) or the socket broke
                gone();
                return;
            }
            if (response.isTagged()) {
                // the IDLE ended: IdleManager stops watching; unless we ended it to check, reopen
                if (!checking) {
                    gone();
                }
                return;
            }
            seenAlive = Instant.now();
            if (response instanceof IMAPResponse untagged && (untagged.keyEquals("EXISTS")
                    || untagged.keyEquals("EXPUNGE") || untagged.keyEquals("FETCH") || untagged.keyEquals("VANISHED"))) {
                onChange.accept(accountId);
            }
        }

        /**
         * Asks for one more pass right after an IDLE starts. A change the server reports together with the
         * IDLE continuation ("+ idling", then "* 1 FETCH …" in the same read) lands in the connection's
         * buffer, where the selector never sees it: without this pass it would wait for the server's next word.
         */
        void startedWatching() {
            onChange.accept(accountId);
        }

        /** The watch is over without us closing it: sync now (changes may have been missed), then re-watch. */
        private void gone() {
            if (closed.get() || !lost.compareAndSet(false, true)) {
                return;
            }
            LOG.debugf("IDLE connection of account %s lost", accountId);
            onChange.accept(accountId);
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            UpstreamSessions.logOut(store);
            release.run();
        }
    }
}
