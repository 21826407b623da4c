package io.mailsync.gateway.upstream;

import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.mailbox.UpstreamException.Kind;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.iap.ConnectionException;

/**
 * The one place that reads Jakarta Mail failures and says what they mean for the gateway: an
 * {@link UpstreamException} whose message is safe to show (the server's reason, cleaned of control
 * characters and of the secret, and bounded in length), with its kind and how far it reaches.
 */
public final class UpstreamFailures {

    private static final int MAX_REASON = 300;

    private UpstreamFailures() {
    }

    /**
     * Translates a failure of a call to the given endpoint.
     *
     * @param login the login used, so that its secret is removed from anything the server echoed; may be null
     */
    public static UpstreamException translate(MessagingException failure, UpstreamEndpoint endpoint,
            UpstreamLogin login) {
        String secret = login == null ? null : login.secret();
        String where = endpoint.host() + ":" + endpoint.port();
        if (failure instanceof AuthenticationFailedException) {
            String reason = sanitise(failure.getMessage(), secret);
            return new UpstreamException(Kind.AUTH_FAILED,
                    where + " refused the login" + (reason.isEmpty() ? "" : ": " + reason));
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof InterruptedIOException) {
                // SocketTimeoutException, on connect or while waiting for an answer
                return new UpstreamException(Kind.TIMEOUT, where + " did not answer in time");
            }
            if (cause instanceof UnknownHostException) {
                return new UpstreamException(Kind.REFUSED, "unknown host " + endpoint.host());
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return new UpstreamException(Kind.REFUSED, "could not connect to " + where + ": "
                        + (cause instanceof NoRouteToHostException ? "no route to host" : "connection refused"));
            }
            if (cause instanceof SSLException) {
                return new UpstreamException(Kind.REFUSED, "TLS with " + where + " failed: "
                        + sanitise(cause.getMessage(), secret));
            }
            if (cause instanceof ConnectionException || cause instanceof StoreClosedException
                    || cause instanceof FolderClosedException || cause instanceof SocketException) {
                String reason = sanitise(cause.getMessage(), secret);
                // Angus turns a read timeout into a synthetic BYE that keeps only the exception's text
                if (reason.contains("SocketTimeoutException") || reason.contains("Read timed out")) {
                    return new UpstreamException(Kind.TIMEOUT, where + " did not answer in time");
                }
                return new UpstreamException(Kind.UNAVAILABLE, where + " closed the connection"
                        + (reason.isEmpty() ? "" : ": " + reason));
            }
        }
        String reason = sanitise(failure.getMessage(), secret);
        return new UpstreamException(Kind.REFUSED, where + " answered with an error"
                + (reason.isEmpty() ? "" : ": " + reason));
    }

    /**
     * Translates a failure of one command on an open connection and decides how far it reaches: the
     * whole connection when it is closed, dropped or no longer connected, else only the folder the
     * command was about (the server said NO, the folder does not exist), so the other folders go on.
     *
     * @param command the command and folder, for the message (e.g. {@code STATUS Projects})
     * @param stillConnected whether the connection still answers after the failure
     */
    public static UpstreamException duringCommand(String command, MessagingException failure,
            boolean stillConnected, UpstreamEndpoint endpoint, UpstreamLogin login) {
        UpstreamException translated = translate(failure, endpoint, login);
        String message = sanitise(command, null) + ": " + translated.getMessage();
        if (translated.kind() == Kind.AUTH_FAILED || connectionLost(failure)) {
            return new UpstreamException(translated.kind(), message);
        }
        if (failure instanceof FolderNotFoundException || stillConnected) {
            return UpstreamException.inFolder(translated.kind(), message);
        }
        return new UpstreamException(Kind.UNAVAILABLE, message);
    }

    private static boolean connectionLost(MessagingException failure) {
        if (failure instanceof StoreClosedException || failure instanceof FolderClosedException) {
            return true;
        }
        for (Throwable cause = next(failure); cause != null; cause = next(cause)) {
            if (cause instanceof ConnectionException || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes text from an upstream server safe to show and to log: no control characters, no secret,
     * bounded length.
     */
    public static String sanitise(String text, String secret) {
        if (text == null) {
            return "";
        }
        String cleaned = text;
        if (secret != null && secret.length() >= 3) {
            cleaned = cleaned.replace(secret, "***");
        }
        StringBuilder out = new StringBuilder(Math.min(cleaned.length(), MAX_REASON));
        boolean space = false;
        for (int i = 0; i < cleaned.length() && out.length() < MAX_REASON; i++) {
            char c = cleaned.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029') {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static Throwable next(Throwable t) {
        Throwable cause = t instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException() : t.getCause();
        return cause == t ? null : cause;
    }
}
