package io.mailsync.gateway.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.ModSeq;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import io.mailsync.gateway.mailbox.UpstreamException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Drives the folder sync decisions against in-memory ports: no server, no database. */
class FolderSynchronizerTest {

    private final UUID account = UUID.randomUUID();
    private final UUID folderId = UUID.randomUUID();
    private final MemoryUpstream upstream = new MemoryUpstream();
    private final MemoryMirror mirror = new MemoryMirror();

    @Test
    void interruptedInitialSyncResumesNewestFirstWithoutDuplicatesOrGaps() throws Exception {
        for (long uid = 1; uid <= 23; uid++) {
            upstream.messages.put(uid, MessageFlags.NONE);
        }
        upstream.failAfterFetches = 2;
        FolderSynchronizer sync = new FolderSynchronizer(upstream, mirror, 5);
        assertThrows(UpstreamException.class, () -> sync.sync(account, mirror.folder(), upstream.status(), n -> { }));
        assertEquals(List.of(14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L), List.copyOf(mirror.rows.keySet()),
                "the newest messages come first");
        assertEquals(14L, mirror.below);

        upstream.failAfterFetches = Integer.MAX_VALUE;
        assertEquals(FolderSyncPlan.INITIAL, sync.sync(account, mirror.folder(), upstream.status(), n -> { }));
        assertEquals(23, mirror.rows.size());
        assertEquals(23, mirror.created, "each message created exactly once");
        assertNull(mirror.below, "initial sync complete");
    }

    @Test
    void fallbackDiffReportsOnlyRealDifferences() throws Exception {
        upstream.messages.put(1L, MessageFlags.NONE);
        upstream.messages.put(2L, MessageFlags.NONE);
        FolderSynchronizer sync = new FolderSynchronizer(upstream, mirror, 5);
        sync.sync(account, mirror.folder(), upstream.status(), n -> { });
        mirror.updated = 0;
        assertEquals(FolderSyncPlan.FLAGS_DIFF, sync.sync(account, mirror.folder(), upstream.status(), n -> { }));
        assertEquals(0, mirror.updated + mirror.destroyed);

        upstream.messages.put(2L, MessageFlags.NONE.withSeen(true));
        upstream.messages.remove(1L);
        upstream.messages.put(3L, MessageFlags.NONE);
        upstream.uidNext = 4;
        sync.sync(account, mirror.folder(), upstream.status(), n -> { });
        assertEquals(1, mirror.updated);
        assertEquals(1, mirror.destroyed);
        assertEquals(List.of(2L, 3L), List.copyOf(mirror.rows.keySet()));
    }

    @Test
    void uidValidityChangeIsOneResetThenAFreshInitialSync() throws Exception {
        upstream.messages.put(1L, MessageFlags.NONE);
        FolderSynchronizer sync = new FolderSynchronizer(upstream, mirror, 5);
        sync.sync(account, mirror.folder(), upstream.status(), n -> { });
        upstream.uidValidity = 99;
        upstream.messages.clear();
        upstream.messages.put(1L, MessageFlags.NONE);
        upstream.messages.put(2L, MessageFlags.NONE);
        upstream.uidNext = 3;
        assertEquals(FolderSyncPlan.RESET, sync.sync(account, mirror.folder(), upstream.status(), n -> { }));
        assertEquals(1, mirror.resets);
        assertEquals(0, mirror.destroyed, "no destroy per message");
        assertEquals(2, mirror.rows.size());
    }

    private static final class MemoryUpstream implements UpstreamMailbox {
        final TreeMap<Long, MessageFlags> messages = new TreeMap<>();
        long uidValidity = 7;
        long uidNext = 24;
        int failAfterFetches = Integer.MAX_VALUE;

        FolderStatus status() {
            return new FolderStatus(messages.size(), Math.max(uidNext, messages.isEmpty() ? 1 : messages.lastKey() + 1),
                    uidValidity, null, 0);
        }

        @Override public boolean supportsCondstore() { return false; }
        @Override public boolean supportsQresync() { return false; }
        @Override public List<ListedFolder> listFolders() { return List.of(); }
        @Override public FolderStatus status(String path) { return status(); }
        @Override public Optional<Quota> quota() { return Optional.empty(); }
        @Override public List<Uid> uids(String path) { return Uid.all(messages.keySet()); }
        @Override public Map<Uid, MessageFlags> flags(String path) {
            Map<Uid, MessageFlags> flags = new HashMap<>();
            messages.forEach((uid, value) -> flags.put(Uid.of(uid), value));
            return flags;
        }

        @Override
        public List<MessageMeta> fetchMeta(String path, List<Uid> uids) throws UpstreamException {
            if (failAfterFetches-- <= 0) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "connection dropped");
            }
            return Uid.values(uids).stream().filter(messages::containsKey).map(uid -> new MessageMeta(Uid.of(uid), null,
                    messages.get(uid), null, "s" + uid, null, null, null, null, Instant.now(), 10, false, null)).toList();
        }

        @Override
        public FolderUpdates changedSince(String path, UidValidity uidValidity, ModSeq modseq, boolean qresync) {
            throw new UnsupportedOperationException();
        }

        @Override public void close() { }
    }

    private final class MemoryMirror implements MailboxMirror {
        final TreeMap<Long, MessageFlags> rows = new TreeMap<>();
        Long validity;
        Long uidNext;
        Long below;
        int created;
        int updated;
        int destroyed;
        int resets;

        StoredFolder folder() {
            return new StoredFolder(folderId, "INBOX", "INBOX", '/', "inbox", true, validity, uidNext, null, below,
                    rows.size(), null);
        }

        @Override public List<StoredFolder> folders(UUID accountId) { return List.of(folder()); }
        @Override public StoredFolder createFolder(UUID a, ListedFolder f, Origin o) { throw new UnsupportedOperationException(); }
        @Override public void renameFolder(UUID a, UUID f, ListedFolder now, Origin o) { }
        @Override public void updateFolderAttributes(UUID a, UUID f, ListedFolder now) { }
        @Override public void deleteFolder(UUID a, UUID f, Origin o) { }

        @Override
        public void resetFolder(UUID a, UUID f, FolderStatus now, Origin o) {
            rows.clear();
            resets++;
            beginInitialSync(a, f, now);
        }

        @Override
        public void beginInitialSync(UUID a, UUID f, FolderStatus now) {
            validity = now.uidValidity();
            uidNext = now.uidNext();
            below = now.uidNext();
        }

        @Override
        public void storeInitialBatch(UUID a, UUID f, List<MessageMeta> batch, Long nextBelow) {
            insert(batch);
            below = nextBelow;
        }

        private void insert(List<MessageMeta> batch) {
            for (MessageMeta meta : batch) {
                if (rows.put(meta.uid().value(), meta.flags()) != null) {
                    throw new IllegalStateException("duplicate uid " + meta.uid());
                }
                created++;
            }
        }

        @Override public Map<Long, MessageFlags> flags(UUID f) { return new HashMap<>(rows); }

        @Override
        public Map<Long, MessageFlags> flags(UUID f, Collection<Long> uids) {
            Map<Long, MessageFlags> out = new HashMap<>();
            uids.forEach(uid -> { if (rows.containsKey(uid)) { out.put(uid, rows.get(uid)); } });
            return out;
        }

        @Override
        public void applyChanges(UUID a, UUID f, List<MessageMeta> added, Map<Long, MessageFlags> flags,
                                 Collection<Long> vanished, FolderStatus point, Origin origin) {
            vanished.forEach(uid -> { if (rows.remove(uid) != null) { destroyed++; } });
            flags.forEach((uid, value) -> { if (!value.equals(rows.put(uid, value))) { updated++; } });
            insert(added);
            if (point != null) {
                uidNext = point.uidNext();
            }
        }

        @Override public void recordFolderError(UUID f, String error) { }
    }
}
