package io.mailsync.gateway.testing;

import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.ModSeq;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.sync.FolderStatus;
import io.mailsync.gateway.sync.FolderUpdates;
import io.mailsync.gateway.sync.ListedFolder;
import io.mailsync.gateway.sync.Quota;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.UpstreamConnector;
import io.mailsync.gateway.sync.UpstreamMailbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An upstream mail server held in memory, for unit tests of the sync decisions and the engine: folders with
 * UIDVALIDITY and UIDNEXT, messages with UIDs, flags and modseqs, CONDSTORE and QRESYNC when switched on. As
 * the {@link UpstreamConnector} it hands out connections to itself and counts them; every connection sees
 * the server's current state, as IMAP connections to one mailbox do.
 */
public final class InMemoryUpstream implements UpstreamConnector {

    private final Map<String, Folder> folders = new LinkedHashMap<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private volatile boolean condstore;
    private volatile boolean qresync;
    private volatile boolean hostHasRoom = true;
    private volatile Quota quota;
    private volatile Consumer<SyncAccount> onConnect = account -> { };
    /** Fetches that still succeed before the connection drops; a test that needs a broken link lowers it. */
    private final AtomicInteger fetchesBeforeDrop = new AtomicInteger(Integer.MAX_VALUE);

    /** The folder at this path, created empty (UIDVALIDITY 1) when the server has none there yet. */
    public synchronized Folder folder(String path) {
        return folders.computeIfAbsent(path, Folder::new);
    }

    /** Advertises CONDSTORE, and QRESYNC with it when {@code qresync}. */
    public void condstore(boolean qresync) {
        this.condstore = true;
        this.qresync = qresync;
    }

    /** What connections answer to {@link UpstreamMailbox#worthKeepingOpen()}: whether the host has room. */
    public void hostHasRoom(boolean room) {
        this.hostHasRoom = room;
    }

    public void quota(Quota value) {
        this.quota = value;
    }

    /** Runs on the connecting thread before each connection is handed out (e.g. to hold a pass). */
    public void onConnect(Consumer<SyncAccount> hook) {
        this.onConnect = hook;
    }

    /** Lets this many more metadata fetches succeed, then drops the connection on every further one. */
    public void dropConnectionAfterFetches(int fetches) {
        fetchesBeforeDrop.set(fetches);
    }

    /** Fetches succeed again. */
    public void keepConnection() {
        fetchesBeforeDrop.set(Integer.MAX_VALUE);
    }

    /** Connections handed out by {@link #connect}. */
    public int connects() {
        return connects.get();
    }

    /** Connections closed. */
    public int closes() {
        return closes.get();
    }

    @Override
    public UpstreamMailbox connect(SyncAccount account) {
        onConnect.accept(account);
        connects.incrementAndGet();
        return connection();
    }

    /** A connection for tests that drive the synchronizer by hand, without an account (not counted). */
    public UpstreamMailbox connection() {
        return new Connection();
    }

    /** One folder of the server: its sync point and its messages. */
    public final class Folder {
        private final String path;
        private FolderRole role;
        private long uidValidity = 1;
        private long uidNext = 1;
        private long highestModseq = 1;
        private final TreeMap<Long, Stored> messages = new TreeMap<>();
        /** UID → modseq of its expunge, for QRESYNC's VANISHED. */
        private final Map<Long, Long> expunged = new HashMap<>();

        private record Stored(MessageFlags flags, long modseq) {
        }

        private Folder(String path) {
            this.path = path;
            this.role = path.equals("INBOX") ? FolderRole.INBOX : null;
        }

        public synchronized Folder role(FolderRole value) {
            this.role = value;
            return this;
        }

        /** Appends a message with these flags; answers its UID. */
        public synchronized long append(MessageFlags flags) {
            long uid = uidNext++;
            messages.put(uid, new Stored(flags, ++highestModseq));
            return uid;
        }

        /** Appends {@code count} messages without flags. */
        public synchronized void append(int count) {
            for (int i = 0; i < count; i++) {
                append(MessageFlags.NONE);
            }
        }

        /** Another client stored these flags on the message. */
        public synchronized void setFlags(long uid, MessageFlags flags) {
            if (!messages.containsKey(uid)) {
                throw new IllegalArgumentException("no message " + uid + " in " + path);
            }
            messages.put(uid, new Stored(flags, ++highestModseq));
        }

        /** Another client expunged the message. */
        public synchronized void expunge(long uid) {
            if (messages.remove(uid) == null) {
                throw new IllegalArgumentException("no message " + uid + " in " + path);
            }
            expunged.put(uid, ++highestModseq);
        }

        /** The folder was deleted and created again under its name: a new UIDVALIDITY, no messages, UIDs anew. */
        public synchronized void recreate(long newUidValidity) {
            uidValidity = newUidValidity;
            uidNext = 1;
            messages.clear();
            expunged.clear();
        }

        public synchronized long uidValidity() {
            return uidValidity;
        }

        /** STATUS as the server answers it: HIGHESTMODSEQ only while CONDSTORE is advertised. */
        public synchronized FolderStatus status() {
            long unseen = messages.values().stream().filter(m -> !m.flags().seen()).count();
            return new FolderStatus(messages.size(), Uid.of(uidNext), UidValidity.of(uidValidity),
                    condstore ? ModSeq.of(highestModseq) : null, unseen);
        }

        synchronized ListedFolder listed() {
            int slash = path.lastIndexOf('/');
            return new ListedFolder(path, path.substring(slash + 1), '/', role, true);
        }

        synchronized List<Long> uids() {
            return new ArrayList<>(messages.keySet());
        }

        synchronized Map<Long, MessageFlags> flags() {
            Map<Long, MessageFlags> out = new HashMap<>();
            messages.forEach((uid, m) -> out.put(uid, m.flags()));
            return out;
        }

        synchronized List<MessageMeta> meta(List<Long> uids) {
            List<MessageMeta> out = new ArrayList<>();
            for (long uid : uids) {
                Stored m = messages.get(uid);
                if (m != null) {
                    out.add(new MessageMeta(Uid.of(uid), ModSeq.of(m.modseq()), m.flags(), null, "Message " + uid,
                            null, null, null, null, Instant.now(), 1000 + uid, false, null));
                }
            }
            return out;
        }

        synchronized FolderUpdates changedSince(long modseq, boolean vanishedToo) {
            Map<Long, MessageFlags> changed = new HashMap<>();
            messages.forEach((uid, m) -> {
                if (m.modseq() > modseq) {
                    changed.put(uid, m.flags());
                }
            });
            Set<Long> vanished = new HashSet<>();
            if (vanishedToo) {
                expunged.forEach((uid, at) -> {
                    if (at > modseq) {
                        vanished.add(uid);
                    }
                });
            }
            return new FolderUpdates(keyed(changed), Set.copyOf(Uid.all(vanished)));
        }
    }

    private static <V> Map<Uid, V> keyed(Map<Long, V> byNumber) {
        Map<Uid, V> byUid = new HashMap<>();
        byNumber.forEach((uid, value) -> byUid.put(Uid.of(uid), value));
        return byUid;
    }

    private synchronized Folder existing(String path) throws UpstreamException {
        Folder folder = folders.get(path);
        if (folder == null) {
            throw UpstreamException.inFolder(UpstreamException.Kind.REFUSED, "no folder " + path);
        }
        return folder;
    }

    /** A logged-in connection: answers from the server's state at each call. */
    private final class Connection implements UpstreamMailbox {

        @Override
        public boolean supportsCondstore() {
            return condstore;
        }

        @Override
        public boolean supportsQresync() {
            return qresync;
        }

        @Override
        public List<ListedFolder> listFolders() {
            synchronized (InMemoryUpstream.this) {
                return folders.values().stream().map(Folder::listed).toList();
            }
        }

        @Override
        public FolderStatus status(String path) throws UpstreamException {
            return existing(path).status();
        }

        @Override
        public Optional<Quota> quota() {
            return Optional.ofNullable(quota);
        }

        @Override
        public List<Uid> uids(String path) throws UpstreamException {
            return Uid.all(existing(path).uids());
        }

        @Override
        public Map<Uid, MessageFlags> flags(String path) throws UpstreamException {
            return keyed(existing(path).flags());
        }

        @Override
        public List<MessageMeta> fetchMeta(String path, List<Uid> uids) throws UpstreamException {
            if (fetchesBeforeDrop.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : n - 1) <= 0) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "connection dropped");
            }
            return existing(path).meta(Uid.values(uids));
        }

        @Override
        public FolderUpdates changedSince(String path, UidValidity uidValidity, ModSeq modseq, boolean withVanished)
                throws UpstreamException {
            Folder folder = existing(path);
            if (folder.uidValidity() != uidValidity.value()) {
                throw UpstreamException.inFolder(UpstreamException.Kind.REFUSED, "UIDVALIDITY of " + path + " changed");
            }
            return folder.changedSince(modseq.value(), withVanished && qresync);
        }

        @Override
        public boolean worthKeepingOpen() {
            return hostHasRoom;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
