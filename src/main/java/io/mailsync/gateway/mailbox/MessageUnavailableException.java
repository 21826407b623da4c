package io.mailsync.gateway.mailbox;

/**
 * The mirror knows a message the upstream server no longer has at its location: it was expunged,
 * its folder is gone, or the folder was reset (UIDVALIDITY changed) and the mirror has not caught
 * up yet. The sync engine will record the matching change soon.
 */
public class MessageUnavailableException extends RuntimeException {

    /** Why the message cannot be fetched. */
    public enum Reason {
        /** The UID is no longer in the folder, or the attachment id names no part. */
        GONE,
        /** The folder's UIDVALIDITY changed: every id of that folder is void and will be replaced. */
        FOLDER_RESET
    }

    private final Reason reason;

    public MessageUnavailableException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
