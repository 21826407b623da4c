package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.upstream.UpstreamSessions;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Opens the second connection an account's sync uses for STATUS of INBOX only, so that the "anything new?"
 * check stays as cheap on the server at 100,000 messages as at 10 (see {@link ImapUpstreamMailbox}).
 */
@FunctionalInterface
interface StatusConnections {

    /** Never a second connection: STATUS shares the sync connection. */
    StatusConnections NONE = Optional::empty;

    /** A logged-in connection with what gives its slot back; empty when none can be had now. */
    Optional<Opened> open();

    /** A STATUS connection and its connection slot towards the host. */
    record Opened(IMAPStore store, Runnable release) {

        /** Logs out and gives the slot back; safe to call more than once. */
        void close() {
            try {
                UpstreamSessions.logOut(store);
            } finally {
                release.run();
            }
        }
    }
}
