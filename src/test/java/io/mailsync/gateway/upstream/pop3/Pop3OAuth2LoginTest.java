package io.mailsync.gateway.upstream.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.AccountUpstream;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.interop.DovecotServer;
import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.pop3.SourceMessage;
import io.mailsync.gateway.testing.MailsyncTestConfig;
import io.mailsync.gateway.upstream.ImapSessions;
import io.mailsync.gateway.upstream.UpstreamSessions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An account that logs in with an OAuth2 access token reads its POP3 maildrop as it reads IMAP: with SASL
 * XOAUTH2. The Dovecot here takes the token over XOAUTH2 only, never as a password, so a POP3 login that sent
 * the token any other way (USER/PASS, AUTH PLAIN) would be refused.
 */
class Pop3OAuth2LoginTest {

    @RegisterExtension
    static final PrivateDovecot DOVECOT = PrivateDovecot.orSkip(DovecotServer.Options.defaults().xoauth2(true));

    private static final String TOKEN = "test-access-token-" + UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();

    private static UpstreamSessions sessions;
    private static String user;

    @BeforeAll
    static void oauth2User() {
        sessions = new UpstreamSessions(MailsyncTestConfig.of(Map.of("mailsync.upstream.timeout", "10S")));
        user = "oauth-" + UUID.randomUUID().toString().substring(0, 8);
        DovecotServer dovecot = DOVECOT.server();
        // the user's password is not the token: only XOAUTH2 accepts the token
        dovecot.addUser(user, "a-password-that-is-not-the-token");
        dovecot.addOAuth2Token(user, TOKEN);
        dovecot.appendMessages(user, "INBOX", TestMessages.simple(2));
    }

    @AfterAll
    static void stop() {
        sessions.stop();
    }

    @Test
    void oauth2AccountListsAndDownloadsItsPop3Mail() {
        Pop3UpstreamSource source = source(new UpstreamLogin(user, TOKEN, AuthKind.OAUTH2));

        List<SourceMessage> listed = source.list(ACCOUNT);

        assertEquals(2, listed.size());
        String raw = new String(source.retrieve(ACCOUNT, listed.get(0).reference(), 1 << 20), StandardCharsets.US_ASCII);
        assertTrue(raw.contains("Message-ID: " + listed.get(0).messageIdHeader()), raw);
    }

    @Test
    void theSameTokenLogsInOverImapAsOverPop3() throws Exception {
        ImapSessions imap = new ImapSessions(sessions);
        IMAPStore store = imap.connect(new UpstreamEndpoint(DOVECOT.server().host(), DOVECOT.server().imapPort(),
                Security.NONE), new UpstreamLogin(user, TOKEN, AuthKind.OAUTH2));
        try {
            assertEquals(2, store.getFolder("INBOX").getMessageCount());
        } finally {
            store.close();
        }
    }

    @Test
    void theServerRefusesTheTokenAsAPassword() {
        // what a POP3 session without XOAUTH2 would send: the proof that the tests above logged in with XOAUTH2
        Pop3UpstreamSource source = source(new UpstreamLogin(user, TOKEN, AuthKind.PASSWORD));

        UpstreamException refused = assertThrows(UpstreamException.class, () -> source.list(ACCOUNT));

        assertEquals(UpstreamException.Kind.AUTH_FAILED, refused.kind(), refused.getMessage());
    }

    private static Pop3UpstreamSource source(UpstreamLogin login) {
        UpstreamEndpoint pop3 = new UpstreamEndpoint(DOVECOT.server().host(), DOVECOT.server().pop3Port(),
                Security.NONE);
        UpstreamEndpoint imap = new UpstreamEndpoint(DOVECOT.server().host(), DOVECOT.server().imapPort(),
                Security.NONE);
        AccountUpstream accounts = new AccountUpstream(null) {
            @Override
            public Optional<Endpoints> of(UUID accountId) {
                return Optional.of(new Endpoints(imap, null, pop3, login)).filter(e -> accountId.equals(ACCOUNT));
            }
        };
        return new Pop3UpstreamSource(accounts, sessions);
    }
}
