package io.mailsync.gateway.replicas;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.store.PostgresMailboxLocks;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailImap;
import io.mailsync.gateway.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mailbox locks hold across replicas: another replica is played by a test that takes a folder's lock in
 * PostgreSQL on a connection of its own, as a command or a sync pass on another gateway process would. The
 * gateway's command and its sync pass then wait in the database (not in this process) until it lets go.
 */
@QuarkusTest
class MailboxLocksAcrossReplicasTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailImap greenMail = new GreenMailImap();

    @Inject
    SyncFixture fixture;

    private record Mailbox(UUID account, String user, FolderEntity inbox, MessageEntity message) {
    }

    private Mailbox mailbox() throws Exception {
        String user = "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        greenMail.setUser(user, user, "secret");
        try (Store client = SyncFixture.client(greenMail.port(), user, "secret")) {
            SyncFixture.append(client, "INBOX", new MimeMessage[] {
                    SyncFixture.message("First", "ann@example.test", false),
                    SyncFixture.message("Second", "bob@example.test", false)});
        }
        UUID id = fixture.createAccount(user, "secret", greenMail.port());
        fixture.awaitPass(id, DEADLINE);
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.IDLE);
        FolderEntity inbox = fixture.folder(id, "INBOX");
        return new Mailbox(id, user, inbox, fixture.messages(inbox.id).get(0));
    }

    /** A connection of "another replica", inside a transaction that holds the folder's lock until rolled back. */
    private static Connection otherReplicaHolding(UUID folderId) throws SQLException {
        Connection db = DriverManager.getConnection(PostgresResource.instance().getJdbcUrl("postgres", "postgres"));
        db.setAutoCommit(false);
        lock(db, folderId);
        return db;
    }

    /**
     * The same holding the account's lock first, and the folder's only once the gateway's next sync pass of the
     * account waits for the account (one pass per account runs at a time, so none is under way): from then on
     * only device commands wait for the folder.
     */
    private static Connection otherReplicaHoldingAccountAnd(UUID accountId, UUID folderId) throws SQLException {
        Connection db = DriverManager.getConnection(PostgresResource.instance().getJdbcUrl("postgres", "postgres"));
        db.setAutoCommit(false);
        lock(db, accountId);
        await().atMost(DEADLINE).until(() -> waitingFor(db, accountId) == 1);
        lock(db, folderId);
        return db;
    }

    private static void lock(Connection db, UUID id) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, PostgresMailboxLocks.key(id));
            lock.execute();
        }
    }

    /** How many sessions wait in PostgreSQL for the advisory lock of this id. */
    private static int waitingFor(Connection db, UUID id) throws SQLException {
        long key = PostgresMailboxLocks.key(id);
        try (PreparedStatement query = db.prepareStatement("select count(*) from pg_locks where locktype = 'advisory'"
                + " and not granted and objsubid = 1 and classid::bigint = ? and objid::bigint = ?")) {
            query.setLong(1, key >>> 32);
            query.setLong(2, key & 0xffffffffL);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private Flags upstreamFlags(Mailbox box) throws Exception {
        try (Store client = SyncFixture.client(greenMail.port(), box.user, "secret")) {
            IMAPFolder folder = (IMAPFolder) client.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            Flags flags = folder.getMessageByUID(box.message.uid).getFlags();
            folder.close(false);
            return flags;
        }
    }

    private long entries(Mailbox box, String origin) {
        return fixture.changeLog(box.account).stream().filter(e -> e.objectId.equals(box.message.id)
                && e.type.equals("message.updated") && e.origin.equals(origin)).count();
    }

    private static CompletableFuture<Response> flagAsync(Mailbox box, DeviceApi.Registered device) {
        return CompletableFuture.supplyAsync(() -> DeviceApi.as(device.token()).contentType(ContentType.JSON)
                .body(Map.of("flagged", true))
                .patch("/api/v1/accounts/" + box.account + "/messages/" + box.message.id));
    }

    @Test
    void deviceCommandWaitsWhileAnotherReplicaHoldsTheFolderThenGoesThroughOnce() throws Exception {
        Mailbox box = mailbox();
        DeviceApi.Registered phone = DeviceApi.register(box.account, "phone");
        CompletableFuture<Response> answer;
        try (Connection other = otherReplicaHoldingAccountAnd(box.account, box.inbox.id)) {
            answer = flagAsync(box, phone);
            await().atMost(DEADLINE).until(() -> waitingFor(other, box.inbox.id) == 1);
            assertFalse(answer.isDone(), "the command waits for the other replica");
            assertFalse(upstreamFlags(box).contains(Flags.Flag.FLAGGED), "nothing went upstream meanwhile");
            other.rollback();
        }
        Response done = answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, done.statusCode());
        assertTrue(upstreamFlags(box).contains(Flags.Flag.FLAGGED));
        fixture.awaitPass(box.account, DEADLINE);
        assertEquals(1, entries(box, "device:" + phone.id()), "the command's change, once");
        assertEquals(0, entries(box, "upstream"), "the sync pass does not report it again");
    }

    @Test
    void syncPassWaitsWhileAnotherReplicaHoldsTheFolder() throws Exception {
        Mailbox box = mailbox();
        try (Connection other = otherReplicaHolding(box.inbox.id)) {
            try (Store client = SyncFixture.client(greenMail.port(), box.user, "secret")) {
                IMAPFolder folder = (IMAPFolder) client.getFolder("INBOX");
                folder.open(Folder.READ_WRITE);
                Message message = folder.getMessageByUID(box.message.uid);
                message.setFlag(Flags.Flag.SEEN, true);
                folder.close(false);
            }
            // the pass saw the change and waits for the folder in the database, recording nothing yet
            await().atMost(DEADLINE).until(() -> waitingFor(other, box.inbox.id) == 1);
            assertFalse(fixture.messages(box.inbox.id).stream()
                    .filter(m -> m.id.equals(box.message.id)).findFirst().orElseThrow().seen);
            assertEquals(0, entries(box, "upstream"));
            other.rollback();
        }
        await().atMost(DEADLINE).until(() -> entries(box, "upstream") == 1);
        assertTrue(fixture.messages(box.inbox.id).stream()
                .filter(m -> m.id.equals(box.message.id)).findFirst().orElseThrow().seen);
    }

    @Test
    void commandGivesUpAfterTheUpstreamTimeoutWhenTheFolderStaysBusy() throws Exception {
        Mailbox box = mailbox();
        long before = fixture.changeLog(box.account).size();
        try (Connection other = otherReplicaHoldingAccountAnd(box.account, box.inbox.id)) {
            given().auth().oauth2("test-operator-token").contentType(ContentType.JSON)
                    .body(Map.of("flagged", true))
                    .patch("/api/v1/accounts/" + box.account + "/messages/" + box.message.id)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("retry"));
            assertEquals(0, waitingFor(other, box.inbox.id), "the command stopped waiting in the database");
            other.rollback();
        }
        assertFalse(upstreamFlags(box).contains(Flags.Flag.FLAGGED));
        assertEquals(before, fixture.changeLog(box.account).size());
    }
}
