package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UpstreamException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Brings one folder of the mirror up to date with upstream following its {@link FolderSyncPlan}.
 * Knows no protocol and no database: it talks to the two ports only.
 */
public final class FolderSynchronizer {

    private final UpstreamMailbox upstream;
    private final MailboxMirror mirror;
    private final int batchSize;
    private final MailboxLocks locks;

    public FolderSynchronizer(UpstreamMailbox upstream, MailboxMirror mirror, int batchSize) {
        this(upstream, mirror, batchSize, new MailboxLocks());
    }

    /**
     * @param locks shared with write-through commands: a folder's lock is held from reading upstream to
     *              committing the mirror, so that a command's change is never overwritten by older state
     */
    public FolderSynchronizer(UpstreamMailbox upstream, MailboxMirror mirror, int batchSize, MailboxLocks locks) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.upstream = upstream;
        this.mirror = mirror;
        this.batchSize = batchSize;
        this.locks = locks;
    }

    /** Commands hold a folder for one upstream round trip or a few; a pass waits for them. */
    static final java.time.Duration LOCK_WAIT = java.time.Duration.ofMinutes(2);

    private MailboxLocks.Held lock(StoredFolder folder) {
        try {
            return locks.folders(List.of(folder.id()), LOCK_WAIT);
        } catch (UpstreamException e) {
            throw UpstreamException.inFolder(UpstreamException.Kind.UNAVAILABLE,
                    "folder " + folder.path() + " stayed busy with device commands");
        }
    }

    /**
     * Syncs the folder and answers the plan it followed.
     *
     * @param progress told how many messages each stored initial batch added
     */
    public FolderSyncPlan sync(UUID accountId, StoredFolder stored, FolderStatus status, LongConsumer progress)
            throws UpstreamException {
        FolderSyncPlan plan = FolderSyncPlan.decide(stored, status, upstream.supportsCondstore(),
                upstream.supportsQresync());
        switch (plan) {
            case UNCHANGED -> { }
            case RESET -> {
                try (MailboxLocks.Held held = lock(stored)) {
                    mirror.resetFolder(accountId, stored.id(), status, Origin.UPSTREAM);
                }
                initial(accountId, stored, status.uidNext(), progress);
            }
            case INITIAL -> {
                Uid below;
                if (stored.uidValidity() == null) {
                    try (MailboxLocks.Held held = lock(stored)) {
                        mirror.beginInitialSync(accountId, stored.id(), status);
                    }
                    below = status.uidNext();
                } else {
                    below = stored.initialSyncBelow();
                }
                initial(accountId, stored, below, progress);
            }
            case QRESYNC, CONDSTORE -> {
                try (MailboxLocks.Held held = lock(stored)) {
                    incremental(accountId, stored, status, plan == FolderSyncPlan.QRESYNC);
                }
            }
            case FLAGS_DIFF -> {
                try (MailboxLocks.Held held = lock(stored)) {
                    flagsDiff(accountId, stored, status);
                }
            }
            default -> throw new IllegalStateException("unhandled plan " + plan);
        }
        return plan;
    }

    /** Newest first, so that people see recent mail early; the resume point commits with each batch. */
    private void initial(UUID accountId, StoredFolder stored, Uid below, LongConsumer progress)
            throws UpstreamException {
        List<Uid> uids = upstream.uids(stored.path()).stream().filter(uid -> uid.compareTo(below) < 0).toList();
        int end = uids.size();
        if (end == 0) {
            mirror.storeInitialBatch(accountId, stored.id(), List.of(), null);
            return;
        }
        while (end > 0) {
            int start = Math.max(0, end - batchSize);
            List<Uid> batch = uids.subList(start, end);
            Uid nextBelow = start == 0 ? null : batch.get(0);
            List<MessageMeta> metas;
            try (MailboxLocks.Held held = lock(stored)) {
                metas = upstream.fetchMeta(stored.path(), batch);
                mirror.storeInitialBatch(accountId, stored.id(), metas, nextBelow);
            }
            progress.accept(metas.size());
            end = start;
        }
    }

    private void incremental(UUID accountId, StoredFolder stored, FolderStatus status, boolean qresync)
            throws UpstreamException {
        FolderUpdates updates = upstream.changedSince(stored.path(), stored.uidValidity(),
                stored.highestModseq(), qresync);
        Map<Uid, MessageFlags> changed = updates.changed();
        Map<Uid, MessageFlags> known = mirror.flags(stored.id(), changed.keySet());
        List<Uid> added = new ArrayList<>();
        Map<Uid, MessageFlags> flags = new HashMap<>();
        changed.forEach((uid, value) -> {
            MessageFlags mine = known.get(uid);
            if (mine == null) {
                added.add(uid);
            } else if (!mine.equals(value)) {
                flags.put(uid, value);
            }
        });
        Set<Uid> vanished = new HashSet<>(updates.vanished());
        vanished.retainAll(mirror.flags(stored.id(), vanished).keySet());
        long expected = stored.messageCount() + added.size() - vanished.size();
        if (expected != status.messages()) {
            // CONDSTORE alone does not report expunges; a count mismatch means some happened
            Set<Uid> upstreamUids = new HashSet<>(upstream.uids(stored.path()));
            for (Uid uid : mirror.flags(stored.id()).keySet()) {
                if (!upstreamUids.contains(uid)) {
                    vanished.add(uid);
                }
            }
        }
        apply(accountId, stored, new TreeSet<>(added).stream().toList(), flags, vanished, status);
    }

    private void flagsDiff(UUID accountId, StoredFolder stored, FolderStatus status) throws UpstreamException {
        Map<Uid, MessageFlags> upstreamFlags = upstream.flags(stored.path());
        UidFlagsDiff diff = UidFlagsDiff.between(mirror.flags(stored.id()), upstreamFlags);
        apply(accountId, stored, diff.added(), diff.changed(), diff.vanished(), status);
    }

    /**
     * Flags and expunges first, then new messages in batches; the sync point goes with the last batch.
     * {@code flags} are only those that differ from the mirror's: the mirror writes them as they are.
     */
    private void apply(UUID accountId, StoredFolder stored, List<Uid> added, Map<Uid, MessageFlags> flags,
                       Collection<Uid> vanished, FolderStatus status) throws UpstreamException {
        if (added.isEmpty()) {
            mirror.applyChanges(accountId, stored.id(), List.of(), flags, vanished, status, Origin.UPSTREAM);
            return;
        }
        if (!flags.isEmpty() || !vanished.isEmpty()) {
            mirror.applyChanges(accountId, stored.id(), List.of(), flags, vanished, null, Origin.UPSTREAM);
        }
        for (int start = 0; start < added.size(); start += batchSize) {
            int end = Math.min(added.size(), start + batchSize);
            List<MessageMeta> metas = upstream.fetchMeta(stored.path(), added.subList(start, end));
            FolderStatus point = end == added.size() ? status : null;
            mirror.applyChanges(accountId, stored.id(), metas, Map.of(), List.of(), point, Origin.UPSTREAM);
        }
    }
}
