package io.mailsync.gateway.command;

/**
 * A command that cannot be done as asked, for a reason the caller can act on; the message is safe to
 * show (no secret, no class name).
 */
public class CommandRefused extends RuntimeException {

    /** Why, as far as the API needs to know to answer. */
    public enum Reason {
        /** The message or folder does not exist (for this caller). */
        NOT_FOUND,
        /** If-Match named a state that is no longer the current one. */
        STALE,
        /** The mailbox is not in a state that allows it (reset folder, no SMTP, role folder). */
        CONFLICT,
        /** The request itself is wrong (field in {@link #field()}). */
        INVALID
    }

    private final Reason reason;
    private final String field;

    public CommandRefused(Reason reason, String safeMessage) {
        this(reason, null, safeMessage);
    }

    public CommandRefused(Reason reason, String field, String safeMessage) {
        super(safeMessage, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
