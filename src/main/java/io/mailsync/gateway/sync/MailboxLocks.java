package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The locks are in-process: one replica syncs an account at a time.
 */
@ApplicationScoped
public class MailboxLocks {

    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

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

    private Held lockAll(List<UUID> ids, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (UUID id : ids) {
                ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
                long left = Math.max(0, deadline - System.nanoTime());
                if (!lock.tryLock(left, TimeUnit.NANOSECONDS)) {
                    throw busy();
                }
                held.add(lock);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(held);
            throw busy();
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        return () -> release(held);
    }

    private static void release(List<ReentrantLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
        held.clear();
    }

    private static UpstreamException busy() {
        return new UpstreamException(UpstreamException.Kind.UNAVAILABLE,
                "the folder is being synchronised right now; retry shortly");
    }
}
