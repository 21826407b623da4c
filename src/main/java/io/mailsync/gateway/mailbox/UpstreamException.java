package io.mailsync.gateway.mailbox;

/**
 * An upstream mail server could not do what the gateway asked, told in words that are safe to show
 * an operator or a device: never a secret, never a class name, never a control character. The one
 * failure type of every upstream call: its {@link Kind} says what went wrong (and the API's answer),
 * its {@link Scope} says how far it reaches (and what the sync engine drops and retries).
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

    /** How far a failure reaches. */
    public enum Scope {
        /** The login was refused: retry much later, the user must act. */
        AUTHENTICATION,
        /** The connection is gone or unusable: close it and reconnect with backoff. */
        CONNECTION,
        /** Only this folder failed; the connection is fine and other folders go on. */
        FOLDER
    }

    private final Kind kind;
    private final boolean folderOnly;

    /** A failure of the connection (or of the login, for {@link Kind#AUTH_FAILED}); the message must be safe. */
    public UpstreamException(Kind kind, String safeMessage) {
        this(kind, safeMessage, false);
    }

    private UpstreamException(Kind kind, String safeMessage, boolean folderOnly) {
        // no cause is kept, so nothing unsafe travels along
        super(safeMessage, null, false, false);
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (folderOnly && kind == Kind.AUTH_FAILED) {
            throw new IllegalArgumentException("a refused login is never limited to one folder");
        }
        this.kind = kind;
        this.folderOnly = folderOnly;
    }

    /** A failure of one folder only: the connection still serves the other folders. */
    public static UpstreamException inFolder(Kind kind, String safeMessage) {
        return new UpstreamException(kind, safeMessage, true);
    }

    public Kind kind() {
        return kind;
    }

    public Scope scope() {
        if (kind == Kind.AUTH_FAILED) {
            return Scope.AUTHENTICATION;
        }
        return folderOnly ? Scope.FOLDER : Scope.CONNECTION;
    }
}
