package io.mailsync.gateway.upstream.imap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.AccountRegistration;
import io.mailsync.gateway.testing.GreenMailImap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The upstream connections kept for on-demand reads (against GreenMail) do not outlive their account: a removed
 * account's kept connection is closed at once and its entry dropped, a connection lent to a read under way when
 * the account goes is closed when given back, and an account whose kept connections aged out leaves no entry.
 */
@QuarkusTest
class ReadConnectionsOfRemovedAccountsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PASSWORD = "reads-secret";

    @RegisterExtension
    static final GreenMailImap greenMail = new GreenMailImap();

    @Inject
    SyncFixture fixture;
    @Inject
    ImapReadConnections connections;

    private record Synced(UUID account, String user, UUID message) {
    }

    /** A new GreenMail user with one message, registered over the API and synced. */
    private Synced synced() throws Exception {
        String user = "reads-" + UUID.randomUUID().toString().substring(0, 8);
        greenMail.setUser(user + "@example.test", user, PASSWORD);
        try (Store client = SyncFixture.client(greenMail.port(), user, PASSWORD)) {
            SyncFixture.append(client, "INBOX", SyncFixture.message("Read me", "ann@example.test", false));
        }
        UUID account = AccountRegistration.of(user, PASSWORD).imap(greenMail.port()).register();
        fixture.awaitPass(account, DEADLINE);
        FolderEntity inbox = fixture.folder(account, "INBOX");
        return new Synced(account, user, fixture.messages(inbox.id).get(0).id);
    }

    /** Reads the message's raw source, which the gateway fetches upstream on demand. */
    private static void readRaw(Synced synced) {
        DeviceApi.operator().get("/api/v1/accounts/" + synced.account + "/messages/" + synced.message + "/raw")
                .then().statusCode(200);
    }

    private static void remove(UUID account) {
        DeviceApi.operator().delete("/api/v1/accounts/" + account).then().statusCode(204);
    }

    @Test
    void removedAccountsKeptConnectionIsClosedAndItsEntryDropped() throws Exception {
        Synced synced = synced();
        readRaw(synced);
        // given back once the body is written out, which may be just after the client has it all
        await().atMost(DEADLINE).until(() -> connections.idleCount(synced.account) == 1);

        remove(synced.account);

        await().atMost(DEADLINE).until(() -> connections.idleCount(synced.account) == 0
                && !connections.tracks(synced.account));
    }

    @Test
    void connectionLentWhenTheAccountIsRemovedIsClosedWhenGivenBack() throws Exception {
        Synced synced = synced();
        ImapReadConnections.Lease lease = connections.acquire(synced.account,
                new UpstreamEndpoint("127.0.0.1", greenMail.port(), Security.NONE),
                new UpstreamLogin(synced.user, PASSWORD, AuthKind.PASSWORD));
        IMAPStore store = lease.store();
        assertTrue(store.isConnected());

        remove(synced.account);
        assertTrue(connections.tracks(synced.account), "a read under way keeps its account's entry");
        lease.release(true);

        assertFalse(store.isConnected(), "given back after the removal, the connection is closed, not kept");
        assertEquals(0, connections.idleCount(synced.account));
        assertFalse(connections.tracks(synced.account));
    }

    @Test
    void accountWhoseKeptConnectionsAgedOutLeavesNoEntry() throws Exception {
        Synced synced = synced();
        readRaw(synced);
        await().atMost(DEADLINE).until(() -> connections.idleCount(synced.account) == 1);

        // as the periodic clean-up does after a minute without reads (e.g. the account is read through other
        // replicas now, or was removed through one)
        connections.closeKeptLongerThan(Duration.ZERO);

        assertEquals(0, connections.idleCount(synced.account));
        assertFalse(connections.tracks(synced.account));
    }
}
