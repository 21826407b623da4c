package io.mailsync.gateway.sync;

/**
 * An upstream failure, classified by what it stops: the whole connection, only one folder, or the
 * login itself. The message is the server's reason, safe to show: it never carries a secret.
 */
public class UpstreamException extends Exception {

    /** How far a failure reaches. */
    public enum Scope {
        /** The login was refused: retry much later, the user must act. */
        AUTHENTICATION,
        /** The connection is gone or unusable: close it and reconnect with backoff. */
        CONNECTION,
        /** Only this folder failed; the connection is fine and other folders go on. */
        FOLDER
    }

    private final Scope scope;

    public UpstreamException(Scope scope, String reason, Throwable cause) {
        super(reason, cause);
        this.scope = scope;
    }

    public UpstreamException(Scope scope, String reason) {
        this(scope, reason, null);
    }

    public Scope scope() {
        return scope;
    }
}
