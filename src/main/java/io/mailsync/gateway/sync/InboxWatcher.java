package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.UpstreamException;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Port: a low-latency watch on each account's INBOX (IMAP IDLE on its own connection), so that new
 * mail and flag changes there reach the mirror in about a second instead of at the next poll. All
 * watches share a few threads; the engine keeps them alive from its passes.
 */
public interface InboxWatcher {

    /**
     * Makes sure the account's INBOX is watched: opens the watch when there is none or it was lost, and
     * checks an old one with a round trip. Returns quickly when the watch is known to be alive.
     *
     * @param onChange called with the account id, on a shared thread and without blocking, whenever the
     *                 server reports a change in INBOX and whenever the watch is lost (changes may have
     *                 been missed meanwhile)
     * @throws UpstreamException when the watch cannot be opened (the engine retries with backoff)
     */
    void watch(SyncAccount account, Consumer<UUID> onChange) throws UpstreamException;

    /** Whether a live watch is held for the account (for status and tests). */
    boolean isWatching(UUID accountId);

    /** Ends the account's watch and closes its connection; never throws. */
    void unwatch(UUID accountId);
}
