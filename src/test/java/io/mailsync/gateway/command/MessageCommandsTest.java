package io.mailsync.gateway.command;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.store.ChangeLogEntry;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.sync.SyncEngine;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailImap;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Device commands against GreenMail (IMAP with UIDPLUS and MOVE): written upstream first, then the mirror
 * and exactly one change-log entry, which the sync engine does not repeat.
 */
@QuarkusTest
class MessageCommandsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailImap greenMail = new GreenMailImap();

    @Inject
    SyncFixture fixture;
    @Inject
    MailboxLocks locks;
    @Inject
    SyncEngine engine;

    static RequestSpecification operator() {
        return given().auth().oauth2("test-operator-token").contentType("application/json");
    }

    private record Mailbox(UUID account, String user) {
    }

    /** A synced account with messages in INBOX and an empty Trash and Archive. */
    private Mailbox mailbox(int messages) throws Exception {
        String user = "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        greenMail.setUser(user, user, "secret");
        try (Store client = SyncFixture.client(greenMail.port(), user, "secret")) {
            MimeMessage[] all = new MimeMessage[messages];
            for (int i = 0; i < messages; i++) {
                all[i] = SyncFixture.message("Message " + i, "ann@example.test", false);
            }
            SyncFixture.append(client, "INBOX", all);
            for (String path : List.of("Trash", "Archive")) {
                client.getFolder(path).create(Folder.HOLDS_MESSAGES);
            }
        }
        UUID id = fixture.createAccount(user, "secret", greenMail.port());
        fixture.awaitPass(id, DEADLINE);
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.IDLE);
        return new Mailbox(id, user);
    }

    private List<MessageEntity> inbox(UUID account) {
        return fixture.messages(fixture.folder(account, "INBOX").id);
    }

    private long entries(UUID account, UUID objectId, String type) {
        return fixture.changeLog(account).stream()
                .filter(e -> e.objectId.equals(objectId) && e.type.equals(type)).count();
    }

    private Flags upstreamFlags(String user, String path, long uid) throws Exception {
        try (Store client = SyncFixture.client(greenMail.port(), user, "secret")) {
            IMAPFolder folder = (IMAPFolder) client.getFolder(path);
            folder.open(Folder.READ_ONLY);
            Message message = folder.getMessageByUID(uid);
            Flags flags = message == null ? null : message.getFlags();
            folder.close(false);
            return flags;
        }
    }

    @Test
    void markReadIsOnTheServerBeforeTheAnswerAndLoggedOnceEvenAfterTheNextPass() throws Exception {
        Mailbox box = mailbox(3);
        MessageEntity target = inbox(box.account).get(0);
        String path = "/api/v1/accounts/" + box.account + "/messages/" + target.id;
        String etag = operator().get(path).then().statusCode(200).extract().header("ETag");

        String newTag = operator().header("If-Match", etag).body(Map.of("seen", true, "addKeywords", List.of("$Work")))
                .patch(path)
                .then().statusCode(200)
                .body("seen", equalTo(true))
                .body("keywords", hasItem("$Work"))
                .extract().header("ETag");
        assertNotEquals(etag, newTag);

        Flags upstream = upstreamFlags(box.user, "INBOX", target.uid);
        assertTrue(upstream.contains(Flags.Flag.SEEN), "\\Seen is on the server");
        assertTrue(upstream.contains("$Work"));
        assertEquals(1, entries(box.account, target.id, "message.updated"));
        assertEquals("operator", fixture.changeLog(box.account).stream()
                .filter(e -> e.objectId.equals(target.id) && e.type.equals("message.updated"))
                .findFirst().orElseThrow().origin);

        fixture.awaitPass(box.account, DEADLINE);
        assertEquals(1, entries(box.account, target.id, "message.updated"), "the sync engine did not report it again");

        // the old ETag is stale now
        operator().header("If-Match", etag).body(Map.of("flagged", true)).patch(path)
                .then().statusCode(412).contentType("application/problem+json");
        assertFalse(upstreamFlags(box.user, "INBOX", target.uid).contains(Flags.Flag.FLAGGED));
    }

    @Test
    void aChangeAnswersTheMessageExactlyAsTheNextReadShowsIt() throws Exception {
        Mailbox box = mailbox(2);
        MessageEntity target = inbox(box.account).get(0);
        String path = "/api/v1/accounts/" + box.account + "/messages/" + target.id;
        FolderEntity archive = fixture.folder(box.account, "Archive");
        List<Map<String, Object>> changes = List.of(Map.of(), Map.of("seen", true, "addKeywords", List.of("$Work")),
                Map.of("flagged", true, "folderId", archive.id.toString()), Map.of("keywords", List.of()));
        for (Map<String, Object> change : changes) {
            var answer = operator().body(change).patch(path).then().statusCode(200).extract();
            String tag = answer.header("ETag");
            Map<String, Object> summary = answer.jsonPath().getMap("");
            Object folderId = summary.get("folderId");
            List<Map<String, Object>> listed = operator().queryParam("folderId", folderId)
                    .get("/api/v1/accounts/" + box.account + "/messages").then().statusCode(200)
                    .extract().jsonPath().getList("items.findAll { it.id == '" + target.id + "' }");
            assertEquals(List.of(summary), listed, "the list shows what the answer to " + change + " showed");
            operator().header("If-None-Match", tag).get(path).then().statusCode(304);
        }
        assertEquals(archive.id.toString(), operator().get(path).then().statusCode(200).extract().path("folderId"));
    }

    @Test
    void keywordsThatAreNotAtomsNeverReachTheServer() throws Exception {
        Mailbox box = mailbox(1);
        MessageEntity target = inbox(box.account).get(0);
        String path = "/api/v1/accounts/" + box.account + "/messages/" + target.id;
        for (String bad : List.of("a b", "x\r\nA1 LOGOUT", "(x)", "q\"", "")) {
            operator().body(Map.of("addKeywords", List.of(bad))).patch(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("keywords"));
        }
        assertTrue(upstreamFlags(box.user, "INBOX", target.uid).getUserFlags().length == 0);
        assertEquals(0, entries(box.account, target.id, "message.updated"));
    }

    @Test
    void moveKeepsTheIdTakesTheNewUidAndIsNotReportedAgain() throws Exception {
        Mailbox box = mailbox(2);
        MessageEntity target = inbox(box.account).get(1);
        FolderEntity archive = fixture.folder(box.account, "Archive");

        operator().body(Map.of("folderId", archive.id.toString()))
                .patch("/api/v1/accounts/" + box.account + "/messages/" + target.id)
                .then().statusCode(200)
                .body("id", equalTo(target.id.toString()))
                .body("folderId", equalTo(archive.id.toString()));

        List<MessageEntity> archived = fixture.messages(archive.id);
        assertEquals(1, archived.size());
        assertEquals(target.id, archived.get(0).id);
        assertNotNull(upstreamFlags(box.user, "Archive", archived.get(0).uid), "the new UID is the server's");
        assertEquals(null, upstreamFlags(box.user, "INBOX", target.uid), "gone from INBOX upstream");

        fixture.awaitPass(box.account, DEADLINE);
        assertEquals(1, entries(box.account, target.id, "message.moved"));
        assertEquals(0, fixture.changes(box.account, "message.destroyed"));
        assertEquals(2, fixture.changes(box.account, "message.created"), "only the initial sync created messages");
        assertEquals(1, fixture.messages(fixture.folder(box.account, "Archive").id).size());
    }

    @Test
    void deleteMovesToTrashAndDeleteInTrashExpunges() throws Exception {
        Mailbox box = mailbox(2);
        MessageEntity target = inbox(box.account).get(0);
        String path = "/api/v1/accounts/" + box.account + "/messages/" + target.id;
        operator().delete(path).then().statusCode(204);
        FolderEntity trash = fixture.folder(box.account, "Trash");
        assertEquals(List.of(target.id), fixture.messages(trash.id).stream().map(m -> m.id).toList());

        operator().delete(path).then().statusCode(204);
        assertTrue(fixture.messages(trash.id).isEmpty());
        try (Store client = SyncFixture.client(greenMail.port(), box.user, "secret")) {
            Folder upstreamTrash = client.getFolder("Trash");
            upstreamTrash.open(Folder.READ_ONLY);
            assertEquals(0, upstreamTrash.getMessageCount());
            upstreamTrash.close(false);
        }
        operator().delete(path).then().statusCode(404);

        // permanent delete straight from INBOX expunges only that message
        MessageEntity other = inbox(box.account).get(0);
        operator().delete("/api/v1/accounts/" + box.account + "/messages/" + other.id + "?permanent=true")
                .then().statusCode(204);
        fixture.awaitPass(box.account, DEADLINE);
        assertEquals(2, fixture.changes(box.account, "message.destroyed"));
        assertEquals(0, fixture.messageCount(box.account));
    }

    @Test
    void upstreamRefusalChangesNothingLocally() throws Exception {
        Mailbox box = mailbox(1);
        FolderEntity archive = fixture.folder(box.account, "Archive");
        MessageEntity target = inbox(box.account).get(0);
        // keep the sync engine from noticing the deletion first (it reconciles folders under this lock)
        try (MailboxLocks.Held held = locks.account(box.account, DEADLINE)) {
            try (Store client = SyncFixture.client(greenMail.port(), box.user, "secret")) {
                client.getFolder("Archive").delete(true);
            }
            long before = fixture.changeLog(box.account).size();
            operator().body(Map.of("folderId", archive.id.toString()))
                    .patch("/api/v1/accounts/" + box.account + "/messages/" + target.id)
                    .then().statusCode(502).contentType("application/problem+json")
                    .body("type", containsString("upstream-failed"))
                    .body("detail", containsString("Archive"))
                    .body("detail", not(containsString("secret")));
            assertEquals(before, fixture.changeLog(box.account).size());
            MessageEntity after = inbox(box.account).get(0);
            assertEquals(target.id, after.id);
            assertEquals(target.uid, after.uid);
        }
    }

    @Test
    void batchOfManyMessagesIsOneCommandPerFolderAndAnswersEachId() throws Exception {
        Mailbox box = mailbox(120);
        List<String> ids = new ArrayList<>();
        inbox(box.account).forEach(m -> ids.add(m.id.toString()));
        String unknown = UUID.randomUUID().toString();
        ids.add(unknown);

        operator().header("Idempotency-Key", "batch-" + UUID.randomUUID())
                .body(Map.of("messageIds", ids, "seen", true, "flagged", true))
                .post("/api/v1/accounts/" + box.account + "/messages/batch")
                .then().statusCode(200)
                .body("done", equalTo(120))
                .body("notFound", equalTo(1))
                .body("items.find { it.id == '" + unknown + "' }.status", equalTo("not-found"));
        assertTrue(inbox(box.account).stream().allMatch(m -> m.seen && m.flagged));
        try (Store client = SyncFixture.client(greenMail.port(), box.user, "secret")) {
            Folder inbox = client.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(0, inbox.getUnreadMessageCount());
            inbox.close(false);
        }
        fixture.awaitPass(box.account, DEADLINE);
        assertEquals(120, fixture.changes(box.account, "message.updated"));
        assertTrue(fixture.changeLog(box.account).stream().filter(e -> e.type.equals("message.updated"))
                .allMatch(e -> e.origin.equals("operator")));
    }

    @Test
    void commandsRacingSyncPassesAreNeverReportedAsUpstreamChanges() throws Exception {
        Mailbox box = mailbox(2);
        MessageEntity target = inbox(box.account).get(0);
        String path = "/api/v1/accounts/" + box.account + "/messages/" + target.id;
        for (int i = 0; i < 20; i++) {
            // ask for a pass right before each command, so that passes keep running alongside them
            engine.requestSync(box.account);
            operator().body(Map.of("seen", i % 2 == 0)).patch(path).then().statusCode(200);
        }
        fixture.awaitPass(box.account, DEADLINE);
        List<ChangeLogEntry> updates = fixture.changeLog(box.account).stream()
                .filter(e -> e.objectId.equals(target.id) && e.type.equals("message.updated")).toList();
        assertEquals(20, updates.size());
        assertTrue(updates.stream().allMatch(e -> e.origin.equals("operator")), "no pass wrote an older state back");
        assertFalse(fixture.messages(target.folderId).get(0).seen);
        assertFalse(upstreamFlags(box.user, "INBOX", target.uid).contains(Flags.Flag.SEEN));
    }

    @Test
    void aDeviceCommandCarriesTheDeviceOriginAndAnotherAccountsDeviceGets404() throws Exception {
        Mailbox box = mailbox(1);
        Mailbox other = mailbox(1);
        Map<String, Object> device = Map.of("name", "Ada's phone", "platform", "ios", "mode", "IMAP");
        String key = "phone-" + box.account;
        io.restassured.response.Response registered = operator().header("Idempotency-Key", key).body(device)
                .post("/api/v1/accounts/" + box.account + "/devices");
        registered.then().statusCode(201);
        String deviceId = registered.path("id");
        String token = registered.path("token");
        // a retry with the key answers the same device and token (stored encrypted), and registers no second one
        operator().header("Idempotency-Key", key).body(device).post("/api/v1/accounts/" + box.account + "/devices")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(deviceId)).body("token", equalTo(token));
        operator().get("/api/v1/accounts/" + box.account + "/devices").then().statusCode(200)
                .body("items.size()", equalTo(1));

        MessageEntity target = inbox(box.account).get(0);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("flagged", true))
                .patch("/api/v1/accounts/" + box.account + "/messages/" + target.id)
                .then().statusCode(200).body("flagged", equalTo(true));
        assertEquals("device:" + deviceId, fixture.changeLog(box.account).stream()
                .filter(e -> e.objectId.equals(target.id) && e.type.equals("message.updated"))
                .findFirst().orElseThrow().origin);

        MessageEntity foreign = inbox(other.account).get(0);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("flagged", true))
                .patch("/api/v1/accounts/" + other.account + "/messages/" + foreign.id)
                .then().statusCode(404);
        given().auth().oauth2(token).delete("/api/v1/accounts/" + other.account + "/messages/" + foreign.id)
                .then().statusCode(404);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("name", "X"))
                .post("/api/v1/accounts/" + other.account + "/folders").then().statusCode(404);
        assertFalse(upstreamFlags(other.user, "INBOX", foreign.uid).contains(Flags.Flag.FLAGGED));
    }
}
