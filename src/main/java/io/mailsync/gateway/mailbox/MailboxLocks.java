package io.mailsync.gateway.mailbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises a device's write-through command with the sync engine's work on the same account or folder.
 * Without it a pass that read a folder's flags before a command's STORE could write the old state back
 * after the command committed (and report it as an upstream change). The sync engine holds a folder's
 * lock from reading upstream to committing the mirror, and the account's lock while it reconciles the
 * folder set; commands take the folders they touch (and the account for folder create, rename, delete).
 * Order: the account first, then folders by id, so two holders never wait on each other.
 * Each lock has two layers: an in-process lock, on which the threads of one replica queue without using
 * anything else, and, for the thread that got it, the same lock in the database ({@link SharedMailboxLocks}),
 * which a command on another replica or the sync pass of the replica holding the account's lease also takes.
 * All in-process locks are taken first and the database ones after, both in the same order; a thread never
 * waits for an in-process lock while holding a database one, so the two layers cannot deadlock each other.
 * An in-process lock exists only while a thread holds or waits for it: it is counted in and out, and the last
 * one out removes it, so that a long-running replica keeps no entry for accounts and folders it no longer
 * works on (removed, deleted upstream, or moved to another replica).
 */
@ApplicationScoped
public class MailboxLocks {

    private final Map<UUID, Entry> locks = new ConcurrentHashMap<>();
    private final SharedMailboxLocks shared;

    /** Locks seen by this process only (tests of the sync core, a single instance without the database). */
    public MailboxLocks() {
        this(SharedMailboxLocks.NONE);
    }

    /** Locks that every replica sharing {@code shared} sees. */
    @Inject
    public MailboxLocks(SharedMailboxLocks shared) {
        this.shared = shared;
    }

    /** Something held; closing it releases everything it holds, in reverse order. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the account's folder-set lock, waiting at most {@code wait}. */
    public Held account(UUID accountId, Duration wait) {
        return lockAll(List.of(accountId), wait);
    }

    /** Takes the locks of these folders (ids), in a fixed order, waiting at most {@code wait} in all. */
    public Held folders(Collection<UUID> folderIds, Duration wait) {
        return lockAll(new ArrayList<>(new TreeSet<>(folderIds)), wait);
    }

    /** Takes the account's lock, then these folders' locks. */
    public Held accountAndFolders(UUID accountId, Collection<UUID> folderIds, Duration wait) {
        List<UUID> ids = new ArrayList<>();
        ids.add(accountId);
        ids.addAll(new TreeSet<>(folderIds));
        return lockAll(ids, wait);
    }

    /** Ids of accounts and folders that have an in-process lock now (someone holds or waits for it). */
    int entries() {
        return locks.size();
    }

    /** Whether the account or folder has an in-process lock now. */
    boolean tracks(UUID id) {
        return locks.containsKey(id);
    }

    /**
     * An in-process lock and how many threads hold or wait for it (each taking counts once, also a reentrant one).
     * {@code users} changes only inside the map's atomic compute for its id, which is what makes removing an unused
     * entry safe: nobody can be handed an entry that is being removed.
     */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /** The id's lock, counted as used by the caller until {@link #leave}. */
    private Entry enter(UUID id) {
        return locks.compute(id, (k, entry) -> {
            Entry used = entry == null ? new Entry() : entry;
            used.users++;
            return used;
        });
    }

    /** Counts the caller out; the last one out removes the entry. */
    private void leave(UUID id) {
        locks.computeIfPresent(id, (k, entry) -> --entry.users == 0 ? null : entry);
    }

    private record Taken(UUID id, ReentrantLock lock) {
    }

    private Held lockAll(List<UUID> ids, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Taken> held = new ArrayList<>();
        // ids this thread did not hold already: those it must also take in the database
        List<UUID> fresh = new ArrayList<>();
        Held inDatabase;
        try {
            for (UUID id : ids) {
                ReentrantLock lock = enter(id).lock;
                boolean locked = false;
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    locked = lock.tryLock(left, TimeUnit.NANOSECONDS);
                } finally {
                    if (!locked) {
                        leave(id);
                    }
                }
                if (!locked) {
                    throw busy();
                }
                held.add(new Taken(id, lock));
                if (lock.getHoldCount() == 1) {
                    fresh.add(id);
                }
            }
            inDatabase = fresh.isEmpty() ? () -> { }
                    : shared.acquire(fresh, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(held);
            throw busy();
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        return () -> {
            try {
                inDatabase.close();
            } finally {
                release(held);
            }
        };
    }

    private void release(List<Taken> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            Taken taken = held.get(i);
            taken.lock().unlock();
            leave(taken.id());
        }
        held.clear();
    }

    /** The answer when a lock stayed busy: a retry shortly will do. */
    public static UpstreamException busy() {
        return new UpstreamException(UpstreamException.Kind.UNAVAILABLE,
                "the folder is being synchronised right now; retry shortly");
    }
}
