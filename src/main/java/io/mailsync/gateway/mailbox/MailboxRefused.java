package io.mailsync.gateway.mailbox;

/**
 * What a caller asked of its mailbox cannot be done as asked, for a reason it can act on: the message or
 * folder is not there for it, its If-Match names an older state, the mailbox is not in a state that allows
 * it, or a field of the request is wrong. The message is safe to show (no secret, no class name).
 */
public class MailboxRefused extends RuntimeException {

    /** Why, as far as the caller needs to know to answer. */
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

    public MailboxRefused(Reason reason, String safeMessage) {
        this(reason, null, safeMessage);
    }

    public MailboxRefused(Reason reason, String field, String safeMessage) {
        super(safeMessage, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    /** {@code what} (account, folder, message) is not there for this caller. */
    public static MailboxRefused notFound(String what) {
        return new MailboxRefused(Reason.NOT_FOUND, what + " not found");
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
