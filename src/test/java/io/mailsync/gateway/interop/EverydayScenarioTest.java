package io.mailsync.gateway.interop;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.testing.AccountRegistration;
import io.mailsync.gateway.testing.SseReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The everyday scenario of issue 3 against a real Dovecot: a phone reads a message and a PC sees it read,
 * another mail client moves a message and both devices see the move, the PC drafts and the phone sees it.
 */
@QuarkusTest
class EverydayScenarioTest {

    private static final String PASSWORD = "scenario-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orSkip();

    private static String user;

    @BeforeAll
    static void addUserWithMail() {
        user = "everyday-" + UUID.randomUUID().toString().substring(0, 8) + "@mailsync.test";
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(10));
    }

    /** A device's view of the changes feed: everything it read so far and where it stands. */
    private static final class FeedReader {
        final String token;
        final String path;
        final List<JsonNode> items = new ArrayList<>();
        String cursor;

        FeedReader(UUID account, String token) {
            this.token = token;
            this.path = "/api/v1/accounts/" + account + "/changes";
        }

        /** Reads every page up to the end of the log; answers what was new. */
        List<JsonNode> read() throws Exception {
            List<JsonNode> fresh = new ArrayList<>();
            boolean more = true;
            while (more) {
                var request = DeviceApi.as(token).queryParam("limit", 200);
                if (cursor != null) {
                    request.queryParam("since", cursor);
                }
                String body = request.get(path).then().statusCode(200).extract().asString();
                JsonNode page = JSON.readTree(body);
                page.path("items").forEach(fresh::add);
                cursor = page.path("nextCursor").asText();
                more = page.path("hasMore").asBoolean();
            }
            items.addAll(fresh);
            return fresh;
        }
    }

    @Test
    void phoneReadsPcFollowsAnotherClientMovesAndADraftTravels() throws Exception {
        UUID account = AccountRegistration.of(user, PASSWORD)
                .imap(dovecot.server().host(), dovecot.server().imapPort()).register();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> DeviceApi.operator().get("/api/v1/accounts/" + account)
                .then().statusCode(200)
                .body("status.state", equalTo("idle"))
                .body("status.progress.synced", equalTo(10)));

        DeviceApi.Registered phone = DeviceApi.register(account, "phone A");
        DeviceApi.Registered pc = DeviceApi.register(account, "pc B");
        String base = "/api/v1/accounts/" + account;
        JsonPath folders = DeviceApi.as(phone.token()).get(base + "/folders").then().statusCode(200).extract().jsonPath();
        String inboxId = folders.getString("items.find { it.path == 'INBOX' }.id");
        String archiveId = folders.getString("items.find { it.path == 'Archive' }.id");
        String draftsId = folders.getString("items.find { it.role == 'drafts' }.id");
        assertNotNull(archiveId);
        assertNotNull(draftsId);

        FeedReader phoneFeed = new FeedReader(account, phone.token());
        FeedReader pcFeed = new FeedReader(account, pc.token());
        phoneFeed.read();
        pcFeed.read();

        JsonPath inbox = DeviceApi.as(phone.token()).queryParam("folderId", inboxId).queryParam("limit", 50)
                .get(base + "/messages").then().statusCode(200).extract().jsonPath();
        String readId = inbox.getString("items.find { it.subject.endsWith(' #3') }.id");
        String readSubject = inbox.getString("items.find { it.subject.endsWith(' #3') }.subject");
        String movedId = inbox.getString("items.find { it.subject.endsWith(' #7') }.id");
        String movedSubject = inbox.getString("items.find { it.subject.endsWith(' #7') }.subject");

        try (SseReader pcStream = SseReader.open(RestAssured.port, base + "/changes/stream", pc.token(), Map.of())) {
            assertEquals(200, pcStream.status);
            await().atMost(DEADLINE).until(() -> pcStream.comments.contains("stream open"));

            // 1. the phone reads a message
            DeviceApi.as(phone.token()).contentType("application/json").body(Map.of("seen", true))
                    .patch(base + "/messages/" + readId).then().statusCode(200);
            assertTrue(upstreamSeen(readSubject), "the 2xx means \\Seen is on Dovecot");
            String origin = "device:" + phone.id();
            await().atMost(DEADLINE).until(() -> pcFeed.read().stream().anyMatch(c -> isSeenBy(c, readId, origin)));
            await().atMost(DEADLINE).until(() -> pcStream.events.stream()
                    .anyMatch(e -> "message.updated".equals(e.name()) && isSeenBy(json(e.data()), readId, origin)));
            DeviceApi.as(pc.token()).get(base + "/messages/" + readId).then().statusCode(200).body("seen", equalTo(true));

            // 2. another mail client moves a message to Archive
            moveUpstream(movedSubject, "Archive");
            for (FeedReader feed : List.of(phoneFeed, pcFeed)) {
                await().atMost(DEADLINE).untilAsserted(() -> {
                    feed.read();
                    assertTrue(sawMove(feed.items, movedId, archiveId), "destroyed in INBOX and created in Archive");
                });
                JsonPath archive = DeviceApi.as(feed.token).queryParam("folderId", archiveId)
                        .get(base + "/messages").then().statusCode(200).extract().jsonPath();
                assertTrue(archive.getList("items.subject").contains(movedSubject));
                JsonPath stillInbox = DeviceApi.as(feed.token).queryParam("folderId", inboxId).queryParam("limit", 50)
                        .get(base + "/messages").then().statusCode(200).extract().jsonPath();
                assertFalse(stillInbox.getList("items.subject").contains(movedSubject));
            }

            // 3. the PC drafts a message, the phone sees it
            String draftSubject = "Draft from the PC " + UUID.randomUUID().toString().substring(0, 6);
            String draftId = DeviceApi.as(pc.token()).contentType("application/json")
                    .body(Map.of("to", List.of("Bob <bob@example.test>"), "subject", draftSubject, "textBody", "later"))
                    .post(base + "/drafts").then().statusCode(201)
                    .body("folderId", equalTo(draftsId)).extract().path("id");
            String pcOrigin = "device:" + pc.id();
            await().atMost(DEADLINE).until(() -> phoneFeed.read().stream().anyMatch(c ->
                    "message.created".equals(c.path("type").asText()) && draftId.equals(c.path("objectId").asText())
                            && draftsId.equals(c.path("folderId").asText()) && pcOrigin.equals(c.path("origin").asText())));
            DeviceApi.as(phone.token()).queryParam("folderId", draftsId).get(base + "/messages")
                    .then().statusCode(200)
                    .body("items.find { it.id == '" + draftId + "' }.subject", equalTo(draftSubject))
                    .body("items.find { it.id == '" + draftId + "' }.draft", equalTo(true));
        } finally {
            DeviceApi.operator().delete(base).then().statusCode(204);
        }
    }

    private static JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isSeenBy(JsonNode change, String messageId, String origin) {
        return "message.updated".equals(change.path("type").asText())
                && messageId.equals(change.path("objectId").asText())
                && origin.equals(change.path("origin").asText())
                && change.path("data").path("seen").asBoolean(false);
    }

    /** A move seen upstream: the old id destroyed in the source, or kept as message.moved, and a row in Archive. */
    private static boolean sawMove(List<JsonNode> changes, String messageId, String targetFolderId) {
        boolean gone = changes.stream().anyMatch(c -> messageId.equals(c.path("objectId").asText())
                && ("message.destroyed".equals(c.path("type").asText()) || "message.moved".equals(c.path("type").asText())));
        boolean arrived = changes.stream().anyMatch(c -> targetFolderId.equals(c.path("folderId").asText())
                && ("message.created".equals(c.path("type").asText()) || "message.moved".equals(c.path("type").asText())));
        return gone && arrived;
    }

    private static boolean upstreamSeen(String subject) throws Exception {
        Store store = dovecot.server().imapStore(user, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] found = inbox.search(new SubjectTerm(subject));
            assertEquals(1, found.length);
            boolean seen = found[0].getFlags().contains(Flags.Flag.SEEN);
            inbox.close(false);
            return seen;
        } finally {
            store.close();
        }
    }

    private static void moveUpstream(String subject, String target) throws Exception {
        Store store = dovecot.server().imapStore(user, PASSWORD);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] found = inbox.search(new SubjectTerm(subject));
            assertEquals(1, found.length);
            inbox.moveMessages(found, store.getFolder(target));
            inbox.close(false);
        } finally {
            store.close();
        }
    }
}
