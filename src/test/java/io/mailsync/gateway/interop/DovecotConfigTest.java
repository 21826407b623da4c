package io.mailsync.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A scale test's Dovecot gets room for its connections; every other test keeps Dovecot's own limits. */
class DovecotConfigTest {

    private static final Path DIR = Path.of("/var/tmp/example");

    @Test
    void defaultOptionsKeepDovecotsOwnLimits() {
        String config = DovecotConfig.render(DIR, "t", 1143, 1110, DovecotServer.Options.defaults());
        assertFalse(config.contains("process_limit"), config);
        assertFalse(config.contains("client_limit"), config);
        assertTrue(config.contains("auth_mechanisms = plain login\n"), config);
        assertFalse(config.contains("tokens"), config);
    }

    @Test
    void xoauth2IsOfferedWithAPassdbOfTokensThatOnlyItConsults() {
        String config = DovecotConfig.render(DIR, "t", 1143, 1110, DovecotServer.Options.defaults().xoauth2(true));
        assertTrue(config.contains("auth_mechanisms = plain login xoauth2\n"), config);
        assertTrue(config.contains("args = scheme=PLAIN username_format=%u /var/tmp/example/tokens/%u\n"
                + "  mechanisms = xoauth2\n"), config);
    }

    @Test
    void manyConnectionsRaiseTheImapLoginAuthAndAnvilLimits() {
        String config = DovecotConfig.render(DIR, "t", 1143, 1110,
                DovecotServer.Options.defaults().maxConnections(2500));
        assertTrue(config.contains("default_process_limit = 2500"), config);
        assertTrue(config.contains("service imap {\n  process_limit = 2500\n}"), config);
        assertTrue(config.contains("service imap-login {\n  process_limit = 2500\n  client_limit = 3500\n}"), config);
        assertTrue(config.contains("service auth {\n  client_limit = 3500\n}"), config);
        assertTrue(config.contains("service anvil {\n  client_limit = 3500\n}"), config);
        assertTrue(config.contains("mail_max_userip_connections = 200"), "per-user limit unchanged");
    }
}
