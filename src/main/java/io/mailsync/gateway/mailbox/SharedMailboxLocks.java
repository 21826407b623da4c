package io.mailsync.gateway.mailbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Port: the part of {@link MailboxLocks} that every replica sharing the database sees, so that a device
 * command on one replica and the sync pass of the account on another (the one holding its lease) are
 * serialised too, not only work inside one process.
 */
public interface SharedMailboxLocks {

    /** Locks no other replica sees: for a single process, and for tests of the sync core alone. */
    SharedMailboxLocks NONE = (ids, wait) -> () -> { };

    /**
     * Takes the locks of these ids (accounts or folders) in exactly this order, waiting at most {@code wait}
     * in all. The caller holds the in-process lock of each id already, so a process asks at most once per id.
     *
     * @throws io.mailsync.gateway.mailbox.UpstreamException of kind UNAVAILABLE when they stayed busy
     */
    MailboxLocks.Held acquire(List<UUID> ids, Duration wait);
}
