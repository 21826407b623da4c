package io.mailsync.gateway.api.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.account.AccountRemoved;
import io.mailsync.gateway.account.AccountService;
import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.api.http.ProblemType;
import io.mailsync.gateway.changes.ChangeCursor;
import io.mailsync.gateway.changes.ChangeFeed;
import io.mailsync.gateway.changes.ChangePage;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.device.DeviceRevoked;
import io.mailsync.gateway.device.DeviceService;
import io.mailsync.gateway.mailbox.ChangesCommitted;
import io.mailsync.gateway.mailbox.CommittedChange;
import io.mailsync.gateway.observability.OpenChangeStreams;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The open change streams, by account. A commit signal ({@link ChangesCommitted}) wakes the account's
 * streams; each then reads the change log after its own last sequence, a page at a time, and writes what it
 * read. No change travels through a per-client queue: what a stream holds is its position and the writes the
 * network has not taken yet, which are bounded (a stream stops reading while the bound is reached); a client
 * that stops reading for longer than the stall timeout is dropped and resumes later with Last-Event-ID.
 * A heartbeat keeps proxies from closing idle streams and also re-reads, so a lost signal delays a stream
 * by one heartbeat at most. Each heartbeat also asks the database, in one query for all the open streams of this
 * replica, which of their accounts still exist, and in one query for all the open device streams, which of their
 * devices still exist: an account removed or a device revoked through any replica loses its streams (the
 * operator's too, for an account) on every replica within one heartbeat (on the replica that did it, at once).
 */
@ApplicationScoped
public class ChangeStreams implements OpenChangeStreams {

    private static final Logger LOG = Logger.getLogger(ChangeStreams.class);
    private static final int PAGE = 100;

    private final ChangeFeed feed;
    private final DeviceService devices;
    private final AccountService accounts;
    private final ObjectMapper json;
    private final int maxPending;
    private final long stallNanos;
    private final int maxStreams;
    private final Map<UUID, Set<Stream>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService readers;
    private final ScheduledExecutorService heartbeats;

    ChangeStreams(ChangeFeed feed, DeviceService devices, AccountService accounts, ObjectMapper json,
                  MailsyncConfig config) {
        this.feed = feed;
        this.devices = devices;
        this.accounts = accounts;
        this.json = json;
        this.maxPending = config.changes().stream().maxPendingEvents();
        this.stallNanos = config.changes().stream().stallTimeout().toNanos();
        this.maxStreams = config.changes().stream().maxStreams();
        this.readers = Executors.newFixedThreadPool(4, threads("mailsync-stream-reader-"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(threads("mailsync-stream-heartbeat-"));
        long every = Math.max(50, config.changes().stream().heartbeat().toMillis());
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts streaming the account's changes after {@code after} to the sink; returns at once. {@code deviceId}
     * is the device that reads (null for the operator): its stream ends when the device is revoked.
     */
    public void open(ChangeCursor after, UUID deviceId, SseEventSink sink, Sse sse) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "this replica serves as many streams as it may");
        }
        Stream stream = new Stream(after, deviceId, sink, sse);
        byAccount.compute(after.accountId(), (k, set) -> {
            Set<Stream> streams = set == null ? ConcurrentHashMap.newKeySet() : set;
            streams.add(stream);
            return streams;
        });
        // sends the response headers at once, so the client knows the stream is open
        stream.write(sse.newEventBuilder().comment("stream open").build());
        stream.wake();
    }

    /** Open streams of all accounts on this replica (for operators' figures). */
    @Override
    public int openStreams() {
        return open.get();
    }

    /** Open streams of an account on this replica. */
    public int openStreams(UUID accountId) {
        Set<Stream> streams = byAccount.get(accountId);
        return streams == null ? 0 : streams.size();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangesCommitted committed) {
        Set<Stream> streams = byAccount.get(committed.accountId());
        if (streams != null) {
            streams.forEach(s -> s.wakeFor(committed.lastSequence()));
        }
    }

    void onDeviceRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceRevoked revoked) {
        Set<Stream> streams = byAccount.get(revoked.accountId());
        if (streams != null) {
            streams.stream().filter(s -> revoked.deviceId().equals(s.deviceId))
                    .forEach(s -> s.close("the device was revoked"));
        }
    }

    void onAccountRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved removed) {
        Set<Stream> streams = byAccount.get(removed.accountId());
        if (streams != null) {
            streams.forEach(s -> s.close("the account was removed"));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        heartbeats.shutdownNow();
        byAccount.values().forEach(set -> set.forEach(s -> s.close("the gateway is stopping")));
        readers.shutdownNow();
    }

    private void beat() {
        try {
            closeRemoved();
        } catch (RuntimeException e) {
            // the database is away: keep the streams, try again at the next heartbeat
            LOG.warnf("checking the accounts of open change streams failed: %s", e.getClass().getSimpleName());
        }
        try {
            closeRevoked();
        } catch (RuntimeException e) {
            // the database is away: keep the streams, try again at the next heartbeat
            LOG.warnf("checking the devices of open change streams failed: %s", e.getClass().getSimpleName());
        }
        try {
            byAccount.values().forEach(set -> set.forEach(Stream::heartbeat));
        } catch (RuntimeException e) {
            LOG.warnf("change stream heartbeat failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Ends the streams of accounts removed meanwhile, here or on another replica. */
    private void closeRemoved() {
        Set<UUID> streamed = Set.copyOf(byAccount.keySet());
        if (streamed.isEmpty()) {
            return;
        }
        Set<UUID> live = accounts.existing(streamed);
        streamed.stream().filter(id -> !live.contains(id)).map(byAccount::get).filter(Objects::nonNull)
                .forEach(set -> set.forEach(s -> s.close("the account was removed")));
    }

    /** Ends the streams of devices revoked meanwhile, here or on another replica. */
    private void closeRevoked() {
        Set<UUID> reading = new HashSet<>();
        byAccount.values().forEach(set -> set.forEach(s -> {
            if (s.deviceId != null) {
                reading.add(s.deviceId);
            }
        }));
        if (reading.isEmpty()) {
            return;
        }
        Set<UUID> live = devices.existing(reading);
        byAccount.values().forEach(set -> set.stream()
                .filter(s -> reading.contains(s.deviceId) && !live.contains(s.deviceId))
                .forEach(s -> s.close("the device was revoked")));
    }

    /** One client's stream: its position in the log and the writes the network has not taken yet. */
    private final class Stream {
        private final UUID accountId;
        private final UUID deviceId;
        private final SseEventSink sink;
        private final Sse sse;
        private volatile long lastSequence;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicBoolean behind = new AtomicBoolean();
        private volatile long progressAt = System.nanoTime();

        Stream(ChangeCursor after, UUID deviceId, SseEventSink sink, Sse sse) {
            this.accountId = after.accountId();
            this.deviceId = deviceId;
            this.lastSequence = after.sequence();
            this.sink = sink;
            this.sse = sse;
        }

        void wakeFor(long committedThrough) {
            if (committedThrough > lastSequence) {
                wake();
            }
        }

        void wake() {
            if (closed.get()) {
                return;
            }
            again.set(true);
            if (scheduled.compareAndSet(false, true)) {
                try {
                    readers.execute(this::drain);
                } catch (RuntimeException e) {
                    scheduled.set(false);
                    close("no reader available");
                }
            }
        }

        private void drain() {
            try {
                while (again.getAndSet(false) && !closed.get()) {
                    boolean more = true;
                    while (more && !closed.get()) {
                        if (pending.get() >= maxPending) {
                            // read no further until the network has taken half of it; a stall is dropped
                            behind.set(true);
                            return;
                        }
                        ChangePage page = feed.after(new ChangeCursor(accountId, lastSequence),
                                Math.min(PAGE, maxPending - pending.get()));
                        for (CommittedChange entry : page.items()) {
                            write(event(entry));
                            lastSequence = entry.sequence();
                        }
                        more = page.hasMore();
                    }
                }
            } catch (RuntimeException e) {
                // an expired position or a database failure: the client reconnects and is told why
                close("the stream could not be read: " + e.getClass().getSimpleName());
            } finally {
                scheduled.set(false);
                if (again.get() && !closed.get()) {
                    wake();
                }
            }
        }

        private OutboundSseEvent event(CommittedChange entry) {
            String data;
            try {
                data = json.writeValueAsString(ChangeJson.of(entry));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("change " + entry.sequence() + " cannot be written", e);
            }
            return sse.newEventBuilder()
                    .id(new ChangeCursor(accountId, entry.sequence()).encode())
                    .name(entry.type())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, data)
                    .build();
        }

        void write(OutboundSseEvent event) {
            if (closed.get()) {
                return;
            }
            pending.incrementAndGet();
            try {
                sink.send(event).whenComplete((ignored, failure) -> {
                    int left = pending.decrementAndGet();
                    progressAt = System.nanoTime();
                    if (failure != null) {
                        close("the client went away (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")");
                    } else if (left <= maxPending / 2 && behind.compareAndSet(true, false)) {
                        wake();
                    }
                });
            } catch (RuntimeException e) {
                pending.decrementAndGet();
                close("the client went away (" + e + ")");
            }
        }

        void heartbeat() {
            if (closed.get()) {
                return;
            }
            if (sink.isClosed()) {
                close("the client went away");
                return;
            }
            if (pending.get() > 0) {
                if (System.nanoTime() - progressAt > stallNanos) {
                    close("the client stopped reading");
                }
                return;
            }
            write(sse.newEventBuilder().comment("heartbeat").build());
            wake();
        }

        void close(String why) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            byAccount.computeIfPresent(accountId, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
            open.decrementAndGet();
            LOG.debugf("change stream of account %s closed: %s", accountId, why);
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
