package io.mailsync.gateway.bench;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The baseline of the upstream-change benchmarks: a plain IMAP client that has been idling on INBOX all
 * along, as the gateway's watch has, and notes when the server tells it of a flag change. What it measures
 * is the server's own notification delay (Dovecot holds IDLE notices back about half a second), which no
 * client can beat.
 */
final class RawIdleClient implements AutoCloseable {

    private final Store store;
    private final IMAPFolder inbox;
    private final AtomicReference<CompletableFuture<Long>> expected = new AtomicReference<>(new CompletableFuture<>());
    private final Thread idler;
    private volatile boolean closing;

    RawIdleClient(Store store) throws MessagingException {
        this.store = store;
        this.inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        inbox.addMessageChangedListener(e -> expected.get().complete(System.nanoTime()));
        idler = new Thread(this::idle, "bench-raw-idle");
        idler.setDaemon(true);
        idler.start();
    }

    private void idle() {
        while (!closing) {
            try {
                inbox.idle(false);
            } catch (MessagingException | IllegalStateException e) {
                if (!closing) {
                    expected.get().completeExceptionally(e);
                }
                return;
            }
        }
    }

    /** Call before making the change: the future completes (with System.nanoTime()) when the client hears of it. */
    CompletableFuture<Long> expectChange() {
        CompletableFuture<Long> next = new CompletableFuture<>();
        expected.set(next);
        return next;
    }

    static long await(CompletableFuture<Long> heard, Duration within) throws Exception {
        return heard.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        closing = true;
        try {
            inbox.close(false);
        } finally {
            store.close();
            idler.join(10_000);
        }
    }
}
