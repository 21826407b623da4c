package io.mailsync.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.UpstreamMailbox;
import io.mailsync.gateway.testing.MailsyncTestConfig;
import io.mailsync.gateway.upstream.HostConnectionLimit;
import io.mailsync.gateway.upstream.ImapSessions;
import io.mailsync.gateway.upstream.UpstreamSessions;
import io.mailsync.gateway.upstream.imap.ImapUpstreamConnector;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A sync connection stays one connection: with 1,000 accounts on a server every extra one counts. */
class DovecotConnectionsTest {

    private static final String PASSWORD = "connections-secret";

    @Test
    void quotaReadAfterAFolderWasSelectedUsesTheSameConnection() throws Exception {
        DovecotServer.requireOrSkip();
        String user = "conn-" + UUID.randomUUID().toString().substring(0, 8);
        try (DovecotServer dovecot = DovecotServer.start()) {
            dovecot.addUser(user, PASSWORD);
            dovecot.appendMessages(user, "INBOX", TestMessages.simple(3));
            MailsyncConfig config = config();
            ImapUpstreamConnector connector = new ImapUpstreamConnector(new ImapSessions(new UpstreamSessions(config)),
                    new HostConnectionLimit(config), config);
            SyncAccount account = new SyncAccount(UUID.randomUUID(),
                    new UpstreamEndpoint(dovecot.host(), dovecot.imapPort(), Security.NONE),
                    new UpstreamLogin(user, PASSWORD, AuthKind.PASSWORD), AccountState.IDLE);
            try (UpstreamMailbox upstream = connector.connect(account)) {
                assertEquals(3, upstream.uids("INBOX").size(), "INBOX is selected now");
                assertTrue(upstream.quota().isPresent(), "Dovecot has QUOTA");
                assertEquals(1, connectionsOf(dovecot, user), "GETQUOTAROOT went over the selected connection");
            }
        }
    }

    private static long connectionsOf(DovecotServer dovecot, String user) {
        return Arrays.stream(dovecot.doveadm("who", "-1", user).split("\n"))
                .filter(line -> line.startsWith(user + " ") || line.startsWith(user + "\t"))
                .count();
    }

    private static MailsyncConfig config() {
        return MailsyncTestConfig.of(Map.of(
                "mailsync.upstream.timeout", "10S"));
    }
}
