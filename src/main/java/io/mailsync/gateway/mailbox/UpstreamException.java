package io.mailsync.gateway.mailbox;

/**
 * An upstream mail server could not serve a request. The reason is safe to show to clients: it
 * never holds a secret, and CR, LF and other control characters are removed.
 */
public class UpstreamException extends RuntimeException {

    /** What went wrong, which decides the answer a client gets. */
    public enum Kind {
        /** The server answered NO or BAD, or broke the protocol. */
        REFUSED,
        /** The server could not be reached (refused connection, unknown host, TLS failure). */
        UNREACHABLE,
        /** The server did not answer within the configured timeout. */
        TIMEOUT,
        /** The server refused the stored login. */
        AUTH_FAILED
    }

    private static final int MAX_REASON = 300;

    private final Kind kind;

    public UpstreamException(Kind kind, String reason, Throwable cause) {
        super(clean(reason), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The reason to show: printable, bounded. */
    public String reason() {
        return getMessage();
    }

    private static String clean(String reason) {
        if (reason == null || reason.isBlank()) {
            return "no reason given";
        }
        StringBuilder out = new StringBuilder(Math.min(reason.length(), MAX_REASON));
        for (int i = 0; i < reason.length() && out.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString().strip();
    }
}
