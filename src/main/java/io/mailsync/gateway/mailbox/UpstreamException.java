package io.mailsync.gateway.mailbox;

/**
 * An upstream mail server could not do what the gateway asked, told in words that are safe to show
 * an operator or a device: never a secret, never a class name, never a control character.
 */
public class UpstreamException extends RuntimeException {

    /** What went wrong, as far as a caller needs to know to react. */
    public enum Kind {
        /** The server refused the login: wrong password, expired token, disabled account. */
        AUTH_FAILED,
        /** The server could not be reached or answered with an error: unknown host, refused, TLS failure. */
        REFUSED,
        /** The server did not answer in time. */
        TIMEOUT,
        /** The server is there but cannot serve now: it said BYE, dropped the connection, or is at capacity. */
        UNAVAILABLE
    }

    private final Kind kind;

    /** The message must already be safe to show; no cause is kept, so nothing unsafe travels along. */
    public UpstreamException(Kind kind, String safeMessage) {
        super(safeMessage, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
