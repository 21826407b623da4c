package io.mailsync.gateway.pop3.server;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.pop3.PopMailboxes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Lets real POP3 clients (RFC 1939, CAPA of RFC 2449) connect as POP devices: a small blocking server,
 * one thread per session, at most {@code mailsync.pop3.max-sessions} at once. Sessions call the
 * database and upstream servers, which block: a thread each keeps that simple and bounded.
 */
@ApplicationScoped
public class Pop3Listener {

    private static final Logger LOG = Logger.getLogger(Pop3Listener.class);

    private final MailsyncConfig config;
    private final PopMailboxes maildrops;
    private final Set<UUID> lockedMaildrops = ConcurrentHashMap.newKeySet();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private Semaphore sessions;
    private ServerSocket server;
    private ExecutorService workers;
    private Thread acceptor;

    Pop3Listener(MailsyncConfig config, PopMailboxes maildrops) {
        this.config = config;
        this.maildrops = maildrops;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (config.pop3().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() throws IOException {
        sessions = new Semaphore(config.pop3().maxSessions());
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(config.pop3().host()), config.pop3().port()), 50);
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pop3-session-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "pop3-listener");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("POP3 listener on %s:%d", config.pop3().host(), server.getLocalPort());
    }

    /** Client sessions open now (for operators' figures). */
    public int openSessions() {
        return open.size();
    }

    /** The port the listener is bound to (useful when configured as 0); -1 when it is not running. */
    public int port() {
        ServerSocket s = server;
        return s == null || s.isClosed() ? -1 : s.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warnf("POP3 listener: accept failed: %s", e.getClass().getSimpleName());
                }
                continue;
            }
            if (!sessions.tryAcquire()) {
                refuse(socket);
                continue;
            }
            try {
                workers.execute(() -> {
                    open.add(socket);
                    try {
                        new Pop3Session(socket, config.pop3(), maildrops, lockedMaildrops).run();
                    } finally {
                        open.remove(socket);
                        sessions.release();
                    }
                });
            } catch (RuntimeException e) {
                sessions.release();
                refuse(socket);
            }
        }
    }

    private static void refuse(Socket socket) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout(1000);
            out.write("-ERR [SYS/TEMP] too many POP3 sessions, try again later\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // the client went away first
        }
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
