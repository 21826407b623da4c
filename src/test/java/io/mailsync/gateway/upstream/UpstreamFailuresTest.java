package io.mailsync.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.mailbox.UpstreamException.Kind;
import io.mailsync.gateway.mailbox.UpstreamException.Scope;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.net.ConnectException;
import java.net.SocketException;
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

    @Test
    void aRefusedLoginIsAlwaysAboutTheAccount() {
        UpstreamException e = UpstreamFailures.translate(new AuthenticationFailedException("no"), IMAP, LOGIN);
        assertEquals(Scope.AUTHENTICATION, e.scope());
        assertThrows(IllegalArgumentException.class, () -> UpstreamException.inFolder(Kind.AUTH_FAILED, "x"));
    }

    @Test
    void aFailureToConnectReachesTheConnection() {
        UpstreamException e = UpstreamFailures.translate(
                new MessagingException("Couldn't connect", new ConnectException("Connection refused")), IMAP, LOGIN);
        assertEquals(Scope.CONNECTION, e.scope());
    }

    @Test
    void aCommandRefusedOnALiveConnectionStopsOnlyItsFolder() {
        UpstreamException e = UpstreamFailures.duringCommand("STATUS Broken",
                new MessagingException("NO [SERVERBUG] Internal error s3cret-Pa55"), true, IMAP, LOGIN);
        assertEquals(Scope.FOLDER, e.scope());
        assertEquals(Kind.REFUSED, e.kind());
        assertEquals("STATUS Broken: imap.example.com:993 answered with an error: NO [SERVERBUG] Internal error ***",
                e.getMessage());
    }

    @Test
    void aMissingFolderStopsOnlyThatFolder() {
        UpstreamException e = UpstreamFailures.duringCommand("SELECT Gone", new FolderNotFoundException(), false,
                IMAP, LOGIN);
        assertEquals(Scope.FOLDER, e.scope());
    }

    @Test
    void aDroppedConnectionDuringACommandReachesTheConnection() {
        UpstreamException closed = UpstreamFailures.duringCommand("UID FETCH INBOX",
                new StoreClosedException(null, "* BYE shutting down"), true, IMAP, LOGIN);
        assertEquals(Scope.CONNECTION, closed.scope());
        assertEquals(Kind.UNAVAILABLE, closed.kind());
        UpstreamException reset = UpstreamFailures.duringCommand("UID FETCH INBOX",
                new MessagingException("x", new SocketException("Connection reset")), true, IMAP, LOGIN);
        assertEquals(Scope.CONNECTION, reset.scope());
        UpstreamException silent = UpstreamFailures.duringCommand("UID FETCH INBOX",
                new MessagingException("x", new SocketTimeoutException("Read timed out")), true, IMAP, LOGIN);
        assertEquals(Scope.CONNECTION, silent.scope());
        assertEquals(Kind.TIMEOUT, silent.kind());
    }

    @Test
    void aCommandErrorAfterWhichTheConnectionIsGoneReachesTheConnection() {
        UpstreamException e = UpstreamFailures.duringCommand("LIST", new MessagingException("NO"), false, IMAP, LOGIN);
        assertEquals(Scope.CONNECTION, e.scope());
    }
}
