package io.mailsync.gateway.sync.imap;

import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.mailbox.UpstreamException.Kind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Translates Jakarta Mail failures into {@link UpstreamException}s with a reason a client may see:
 * the server's own words when it said no, a plain description otherwise, never a secret.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    public static UpstreamException translate(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new UpstreamException(Kind.AUTH_FAILED, "the upstream server refused the login: "
                    + serverText(e), e);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return new UpstreamException(Kind.TIMEOUT, "the upstream server did not answer in time", e);
            }
            if (t instanceof MailConnectException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException) {
                return new UpstreamException(Kind.UNREACHABLE, "the upstream server could not be reached", e);
            }
            if (t instanceof UnknownHostException) {
                return new UpstreamException(Kind.UNREACHABLE, "the upstream host name does not resolve", e);
            }
            if (t instanceof SSLException) {
                return new UpstreamException(Kind.UNREACHABLE, "TLS with the upstream server failed", e);
            }
        }
        if (e instanceof StoreClosedException || e instanceof FolderClosedException) {
            return new UpstreamException(Kind.UNREACHABLE, "the upstream server closed the connection", e);
        }
        return new UpstreamException(Kind.REFUSED, "the upstream server refused: " + serverText(e), e);
    }

    /** The server's response text, without the client-side noise Jakarta Mail sometimes adds. */
    private static String serverText(MessagingException e) {
        String text = e.getMessage();
        if (text == null && e.getCause() instanceof ProtocolException p) {
            text = p.getMessage();
        }
        return text == null ? "no reason given" : text;
    }
}
