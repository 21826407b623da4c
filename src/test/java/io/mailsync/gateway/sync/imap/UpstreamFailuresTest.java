package io.mailsync.gateway.sync.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    @Test
    void timeoutsRefusalsAndLoginFailuresAreTold() {
        assertEquals(UpstreamException.Kind.TIMEOUT, UpstreamFailures.translate(
                new MessagingException("read", new SocketTimeoutException("Read timed out"))).kind());
        assertEquals(UpstreamException.Kind.UNREACHABLE, UpstreamFailures.translate(
                new MessagingException("connect", new ConnectException("Connection refused"))).kind());
        UpstreamException auth = UpstreamFailures.translate(new AuthenticationFailedException("[AUTHENTICATIONFAILED] bad"));
        assertEquals(UpstreamException.Kind.AUTH_FAILED, auth.kind());
        assertEquals("the upstream server refused the login: [AUTHENTICATIONFAILED] bad", auth.reason());
        UpstreamException no = UpstreamFailures.translate(new MessagingException("NO [SERVERBUG]\r\nInjected: x"));
        assertEquals(UpstreamException.Kind.REFUSED, no.kind());
        assertFalse(no.reason().contains("\r") || no.reason().contains("\n"), no.reason());
    }
}
