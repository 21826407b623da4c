package io.mailsync.gateway.sync.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.mailbox.UpstreamException.Kind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    private static final UpstreamEndpoint IMAP = new UpstreamEndpoint("imap.example.com", 993, Security.SSL);
    private static final UpstreamLogin LOGIN = new UpstreamLogin("alice", "s3cret-Pa55", AuthKind.PASSWORD);

    @Test
    void refusedLoginKeepsTheServerReasonWithoutTheSecretOrLineBreaks() {
        UpstreamException e = UpstreamFailures.translate(
                new AuthenticationFailedException("[AUTHENTICATIONFAILED] bad password s3cret-Pa55\r\nA2 LOGOUT"),
                IMAP, LOGIN);
        assertEquals(Kind.AUTH_FAILED, e.kind());
        assertEquals("imap.example.com:993 refused the login: [AUTHENTICATIONFAILED] bad password *** A2 LOGOUT",
                e.getMessage());
    }

    @Test
    void connectionRefusedIsARefusal() {
        UpstreamException e = UpstreamFailures.translate(
                new MessagingException("Couldn't connect", new ConnectException("Connection refused")), IMAP, LOGIN);
        assertEquals(Kind.REFUSED, e.kind());
        assertEquals("could not connect to imap.example.com:993: connection refused", e.getMessage());
    }

    @Test
    void unknownHostIsARefusal() {
        UpstreamException e = UpstreamFailures.translate(
                new MessagingException("x", new UnknownHostException("imap.example.com")), IMAP, LOGIN);
        assertEquals(Kind.REFUSED, e.kind());
        assertEquals("unknown host imap.example.com", e.getMessage());
    }

    @Test
    void silenceIsATimeoutEvenWhenWrappedTwice() {
        MessagingException inner = new MessagingException("read", new SocketTimeoutException("Read timed out"));
        UpstreamException e = UpstreamFailures.translate(new MessagingException("outer", inner), IMAP, LOGIN);
        assertEquals(Kind.TIMEOUT, e.kind());
    }

    @Test
    void tlsFailureIsARefusal() {
        UpstreamException e = UpstreamFailures.translate(
                new MessagingException("x", new SSLHandshakeException("PKIX path building failed")), IMAP, LOGIN);
        assertEquals(Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().startsWith("TLS with imap.example.com:993 failed"), e.getMessage());
    }

    @Test
    void sanitisingBoundsLengthAndDropsControlCharacters() {
        String cleaned = UpstreamFailures.sanitise("a\u0000b\tc\u2028" + "x".repeat(1000), null);
        assertFalse(cleaned.chars().anyMatch(Character::isISOControl));
        assertEquals(300, cleaned.length());
        assertTrue(cleaned.startsWith("a b c x"), cleaned);
    }
}
