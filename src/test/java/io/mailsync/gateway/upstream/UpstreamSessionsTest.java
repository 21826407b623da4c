package io.mailsync.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.testing.MailsyncTestConfig;
import io.mailsync.gateway.upstream.UpstreamSessions.Protocol;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every upstream protocol gets the same rules of timeouts, TLS and login, plus its own few settings. */
class UpstreamSessionsTest {

    private final UpstreamSessions sessions = new UpstreamSessions(MailsyncTestConfig.of(Map.of(
            "mailsync.upstream.timeout", "7S")));

    @AfterEach
    void stop() {
        sessions.stop();
    }

    private static UpstreamEndpoint endpoint(Security security) {
        return new UpstreamEndpoint("mail.example.test", 1000, security);
    }

    @Test
    void providersTakeTlsFromTheFirstByteOnlyForSsl() {
        assertEquals("imaps", Protocol.IMAP.provider(Security.SSL));
        assertEquals("imap", Protocol.IMAP.provider(Security.STARTTLS));
        assertEquals("imap", Protocol.IMAP.provider(Security.NONE));
        assertEquals("smtps", Protocol.SMTP.provider(Security.SSL));
        assertEquals("smtp", Protocol.SMTP.provider(Security.STARTTLS));
        assertEquals("pop3s", Protocol.POP3.provider(Security.SSL));
        assertEquals("pop3", Protocol.POP3.provider(Security.NONE));
        assertEquals("mail.pop3s.", Protocol.POP3.prefix(Security.SSL));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void everyCallOfEveryProtocolHasTimeoutsAndTheSharedWriteTimeoutThread(Protocol protocol) {
        for (Security security : Security.values()) {
            Properties props = sessions.properties(protocol, endpoint(security), AuthKind.PASSWORD);
            String p = protocol.prefix(security);
            assertEquals("7000", props.getProperty(p + "connectiontimeout"), p);
            assertEquals("7000", props.getProperty(p + "timeout"), p);
            assertEquals("7000", props.getProperty(p + "writetimeout"), p);
            assertNotNull(props.get(p + "executor.writetimeout"), p);
            assertSame(sessions.properties(Protocol.IMAP, endpoint(Security.SSL), AuthKind.OAUTH2)
                    .get("mail.imaps.executor.writetimeout"), props.get(p + "executor.writetimeout"),
                    "one write-timeout thread for all connections: " + p);
            // nothing is set under another provider's prefix, where the provider in use would not read it
            String other = protocol.prefix(security == Security.SSL ? Security.NONE : Security.SSL);
            props.stringPropertyNames().forEach(name -> assertFalse(name.startsWith(other), name));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void startTlsIsRequiredWhenAskedAndTheServerNameIsCheckedWheneverTlsIsUsed(Protocol protocol) {
        Properties starttls = sessions.properties(protocol, endpoint(Security.STARTTLS), AuthKind.PASSWORD);
        String p = protocol.prefix(Security.STARTTLS);
        assertEquals("true", starttls.getProperty(p + "starttls.enable"));
        assertEquals("true", starttls.getProperty(p + "starttls.required"), "never silently plain");
        assertEquals("true", starttls.getProperty(p + "ssl.checkserveridentity"));

        Properties ssl = sessions.properties(protocol, endpoint(Security.SSL), AuthKind.PASSWORD);
        String s = protocol.prefix(Security.SSL);
        assertEquals("true", ssl.getProperty(s + "ssl.checkserveridentity"));
        assertNull(ssl.getProperty(s + "starttls.enable"));

        Properties plain = sessions.properties(protocol, endpoint(Security.NONE), AuthKind.PASSWORD);
        assertNull(plain.getProperty(p + "starttls.enable"));
        assertNull(plain.getProperty(p + "starttls.required"));
        assertNull(plain.getProperty(p + "ssl.checkserveridentity"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void oauth2AccountsLogInWithXoauth2AndPasswordAccountsWithTheProvidersDefaults(Protocol protocol) {
        for (Security security : Security.values()) {
            String p = protocol.prefix(security);
            assertEquals("XOAUTH2", sessions.properties(protocol, endpoint(security), AuthKind.OAUTH2)
                    .getProperty(p + "auth.mechanisms"), p);
            assertNull(sessions.properties(protocol, endpoint(security), AuthKind.PASSWORD)
                    .getProperty(p + "auth.mechanisms"), p);
        }
    }

    @Test
    void imapReadsInBoundedChunksWithoutSettingSeenAndPoolsOneConnection() {
        for (Security security : Security.values()) {
            Properties props = sessions.properties(Protocol.IMAP, endpoint(security), AuthKind.PASSWORD);
            String p = Protocol.IMAP.prefix(security);
            assertEquals(Integer.toString(256 * 1024), props.getProperty(p + "fetchsize"));
            assertEquals("true", props.getProperty(p + "partialfetch"));
            assertEquals("true", props.getProperty(p + "peek"));
            assertEquals("1", props.getProperty(p + "connectionpoolsize"));
            assertEquals("45000", props.getProperty(p + "connectionpooltimeout"));
            assertNull(props.getProperty(p + "auth"));
        }
    }

    @Test
    void smtpAlwaysAuthenticates() {
        for (Security security : Security.values()) {
            Properties props = sessions.properties(Protocol.SMTP, endpoint(security), AuthKind.PASSWORD);
            String p = Protocol.SMTP.prefix(security);
            assertEquals("true", props.getProperty(p + "auth"));
            assertNull(props.getProperty(p + "fetchsize"), "IMAP's own settings stay IMAP's");
        }
    }

    @Test
    void popThreeHasTheSharedRulesOnly() {
        Properties props = sessions.properties(Protocol.POP3, endpoint(Security.STARTTLS), AuthKind.OAUTH2);
        assertEquals(Map.of(
                        "mail.pop3.connectiontimeout", "7000",
                        "mail.pop3.timeout", "7000",
                        "mail.pop3.writetimeout", "7000",
                        "mail.pop3.starttls.enable", "true",
                        "mail.pop3.starttls.required", "true",
                        "mail.pop3.ssl.checkserveridentity", "true",
                        "mail.pop3.auth.mechanisms", "XOAUTH2"),
                Map.copyOf(withoutExecutor(props)));
    }

    private static Map<Object, Object> withoutExecutor(Properties props) {
        Properties copy = new Properties();
        props.forEach((key, value) -> {
            if (!key.toString().endsWith("executor.writetimeout")) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
