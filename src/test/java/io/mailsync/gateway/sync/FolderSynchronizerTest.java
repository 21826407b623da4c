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
import io.mailsync.gateway.testing.InMemoryUpstream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Drives the folder sync decisions against an in-memory upstream and mirror: no server, no database. */
class FolderSynchronizerTest {

    private final UUID account = UUID.randomUUID();
    private final UUID folderId = UUID.randomUUID();
    private final InMemoryUpstream upstream = new InMemoryUpstream();
    private final InMemoryUpstream.Folder inbox = upstream.folder("INBOX");
    private final MemoryMirror mirror = new MemoryMirror();

    @Test
    void interruptedInitialSyncResumesNewestFirstWithoutDuplicatesOrGaps() throws Exception {
        inbox.append(23);
        upstream.dropConnectionAfterFetches(2);
        FolderSynchronizer sync = new FolderSynchronizer(upstream.connection(), mirror, 5);
        assertThrows(UpstreamException.class, () -> sync.sync(account, mirror.folder(), inbox.status(), n -> { }));
        assertEquals(List.of(14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L), List.copyOf(mirror.rows.keySet()),
                "the newest messages come first");
        assertEquals(Uid.of(14), mirror.below);

        upstream.keepConnection();
        assertEquals(FolderSyncPlan.INITIAL, sync.sync(account, mirror.folder(), inbox.status(), n -> { }));
        assertEquals(23, mirror.rows.size());
        assertEquals(23, mirror.created, "each message created exactly once");
        assertNull(mirror.below, "initial sync complete");
    }

    @Test
    void fallbackDiffReportsOnlyRealDifferences() throws Exception {
        inbox.append(2);
        FolderSynchronizer sync = new FolderSynchronizer(upstream.connection(), mirror, 5);
        sync.sync(account, mirror.folder(), inbox.status(), n -> { });
        mirror.updated = 0;
        assertEquals(FolderSyncPlan.FLAGS_DIFF, sync.sync(account, mirror.folder(), inbox.status(), n -> { }));
        assertEquals(0, mirror.updated + mirror.destroyed);

        inbox.setFlags(2, MessageFlags.NONE.withSeen(true));
        inbox.expunge(1);
        inbox.append(MessageFlags.NONE);
        sync.sync(account, mirror.folder(), inbox.status(), n -> { });
        assertEquals(1, mirror.updated);
        assertEquals(1, mirror.destroyed);
        assertEquals(List.of(2L, 3L), List.copyOf(mirror.rows.keySet()));
    }

    @Test
    void uidValidityChangeIsOneResetThenAFreshInitialSync() throws Exception {
        inbox.append(1);
        FolderSynchronizer sync = new FolderSynchronizer(upstream.connection(), mirror, 5);
        sync.sync(account, mirror.folder(), inbox.status(), n -> { });
        inbox.recreate(99);
        inbox.append(2);
        assertEquals(FolderSyncPlan.RESET, sync.sync(account, mirror.folder(), inbox.status(), n -> { }));
        assertEquals(1, mirror.resets);
        assertEquals(0, mirror.destroyed, "no destroy per message");
        assertEquals(2, mirror.rows.size());
    }

    @Test
    void condstoreFetchesWhatChangedSinceTheModseqAndCountsToFindExpunges() throws Exception {
        upstream.condstore(false);
        inbox.append(3);
        FolderSynchronizer sync = new FolderSynchronizer(upstream.connection(), mirror, 5);
        sync.sync(account, mirror.folder(), inbox.status(), n -> { });
        assertEquals(FolderSyncPlan.UNCHANGED, sync.sync(account, mirror.folder(), inbox.status(), n -> { }));

        inbox.setFlags(2, MessageFlags.NONE.withFlagged(true));
        inbox.expunge(1);
        inbox.append(MessageFlags.NONE);
        assertEquals(FolderSyncPlan.CONDSTORE, sync.sync(account, mirror.folder(), inbox.status(), n -> { }));
        assertEquals(1, mirror.updated);
        assertEquals(1, mirror.destroyed, "the count showed the expunge CONDSTORE does not report");
        assertEquals(List.of(2L, 3L, 4L), List.copyOf(mirror.rows.keySet()));
        assertEquals(inbox.status().highestModseq(), mirror.highestModseq, "the sync point moved to the server's");
        assertEquals(FolderSyncPlan.UNCHANGED, sync.sync(account, mirror.folder(), inbox.status(), n -> { }));
    }

    @Test
    void qresyncTakesExpungesFromVanished() throws Exception {
        upstream.condstore(true);
        inbox.append(3);
        FolderSynchronizer sync = new FolderSynchronizer(upstream.connection(), mirror, 5);
        sync.sync(account, mirror.folder(), inbox.status(), n -> { });

        inbox.expunge(3);
        inbox.setFlags(1, MessageFlags.NONE.withSeen(true));
        assertEquals(FolderSyncPlan.QRESYNC, sync.sync(account, mirror.folder(), inbox.status(), n -> { }));
        assertEquals(1, mirror.updated);
        assertEquals(1, mirror.destroyed);
        assertEquals(List.of(1L, 2L), List.copyOf(mirror.rows.keySet()));
    }

    private final class MemoryMirror implements MailboxMirror {
        final TreeMap<Long, MessageFlags> rows = new TreeMap<>();
        UidValidity validity;
        Uid uidNext;
        Uid below;
        ModSeq highestModseq;
        int created;
        int updated;
        int destroyed;
        int resets;

        StoredFolder folder() {
            return new StoredFolder(folderId, "INBOX", "INBOX", '/', "inbox", true, validity, uidNext, highestModseq,
                    below, rows.size(), null);
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
            highestModseq = now.highestModseq();
            below = now.uidNext();
        }

        @Override
        public void storeInitialBatch(UUID a, UUID f, List<MessageMeta> batch, Uid nextBelow) {
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

        @Override
        public Map<Uid, MessageFlags> flags(UUID f) {
            Map<Uid, MessageFlags> out = new HashMap<>();
            rows.forEach((uid, value) -> out.put(Uid.of(uid), value));
            return out;
        }

        @Override
        public Map<Uid, MessageFlags> flags(UUID f, Collection<Uid> uids) {
            Map<Uid, MessageFlags> out = new HashMap<>();
            uids.forEach(uid -> { if (rows.containsKey(uid.value())) { out.put(uid, rows.get(uid.value())); } });
            return out;
        }

        /** Writes what it is given, as the real mirror does: every flag passed in counts as an update. */
        @Override
        public void applyChanges(UUID a, UUID f, List<MessageMeta> added, Map<Uid, MessageFlags> flags,
                                 Collection<Uid> vanished, FolderStatus point, Origin origin) {
            vanished.forEach(uid -> { if (rows.remove(uid.value()) != null) { destroyed++; } });
            flags.forEach((uid, value) -> { if (rows.containsKey(uid.value())) { rows.put(uid.value(), value); updated++; } });
            insert(added);
            if (point != null) {
                uidNext = point.uidNext();
                highestModseq = point.highestModseq();
            }
        }

        @Override public void recordFolderError(UUID f, String error) { }
    }
}
