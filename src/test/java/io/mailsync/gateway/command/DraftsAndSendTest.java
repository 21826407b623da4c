package io.mailsync.gateway.command;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.AccountRegistration;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drafts, send and Idempotency-Key against GreenMail's IMAP and SMTP: a retried send sends once and files
 * one copy in Sent, also when the server filed a copy itself.
 */
@QuarkusTest
class DraftsAndSendTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static GreenMail greenMail;

    @Inject
    SyncFixture fixture;
    @Inject
    MailboxLocks locks;
    @Inject
    EntityManager em;

    @BeforeAll
    static void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
    }

    @AfterAll
    static void stopGreenMail() {
        greenMail.stop();
    }

    static RequestSpecification operator() {
        return given().auth().oauth2("test-operator-token").contentType("application/json");
    }

    private record Account(UUID id, String user) {
    }

    /** Registers over the API (twice with one Idempotency-Key: one account) and waits for the first pass. */
    private Account account(boolean smtp) throws Exception {
        String user = "d" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        greenMail.setUser(user, user, "secret");
        try (Store client = SyncFixture.client(greenMail.getImap().getPort(), user, "secret")) {
            for (String path : List.of("Drafts", "Sent", "Trash")) {
                client.getFolder(path).create(Folder.HOLDS_MESSAGES);
            }
        }
        AccountRegistration registration = AccountRegistration.of(user, "secret").imap(greenMail.getImap().getPort())
                .header("Idempotency-Key", "register-" + user);
        if (smtp) {
            registration.smtp(greenMail.getSmtp().getPort());
        }
        UUID account = registration.register();
        Response replay = registration.post();
        replay.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(account.toString()));
        fixture.awaitPass(account, DEADLINE);
        return new Account(account, user);
    }

    private Message[] upstream(Account account, String path) throws Exception {
        Store client = SyncFixture.client(greenMail.getImap().getPort(), account.user, "secret");
        Folder folder = client.getFolder(path);
        folder.open(Folder.READ_ONLY);
        Message[] messages = folder.getMessages();
        for (Message message : messages) {
            message.getFlags();
            message.getHeader("Message-ID");
        }
        return messages;
    }

    /** Messages with this Message-ID that SMTP delivered into the recipient's INBOX. */
    private static long deliveriesOf(String recipient, String messageId) throws Exception {
        com.icegreen.greenmail.user.GreenMailUser user = greenMail.getUserManager().getUserByEmail(recipient);
        if (user == null) {
            return 0;
        }
        long count = 0;
        for (com.icegreen.greenmail.store.StoredMessage stored
                : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
            if (messageId.equals(stored.getMimeMessage().getMessageID())) {
                count++;
            }
        }
        return count;
    }

    @Test
    void draftIsStoredReplacedAndSentOnceWithOneCopyInSentEvenWhenRetried() throws Exception {
        Account account = account(true);
        String base = "/api/v1/accounts/" + account.id;
        FolderEntity drafts = fixture.folder(account.id, "Drafts");

        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String hidden = "hidden-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String first = operator().header("Idempotency-Key", "draft-1-" + account.id)
                .body(Map.of("to", List.of("Bob <" + bob + ">"), "subject", "Plan for 東京", "textBody", "v1"))
                .post(base + "/drafts")
                .then().statusCode(201)
                .body("draft", equalTo(true))
                .body("folderId", equalTo(drafts.id.toString()))
                .body("subject", equalTo("Plan for 東京"))
                .header("ETag", notNullValue())
                .extract().path("id");
        Message[] stored = upstream(account, "Drafts");
        assertEquals(1, stored.length);
        assertTrue(stored[0].getFlags().contains(Flags.Flag.DRAFT));
        String messageId = stored[0].getHeader("Message-ID")[0];

        String second = operator()
                .body(Map.of("to", List.of(bob), "bcc", List.of(hidden),
                        "subject", "Plan for 東京", "textBody", "v2", "htmlBody", "<p>v2</p>"))
                .put(base + "/drafts/" + first)
                .then().statusCode(200).extract().path("id");
        assertNotEquals(first, second);
        stored = upstream(account, "Drafts");
        assertEquals(1, stored.length, "the old version is expunged");
        assertEquals(messageId, stored[0].getHeader("Message-ID")[0], "the Message-ID is kept");
        operator().get(base + "/messages/" + first).then().statusCode(404);

        String key = "send-" + account.id;
        String answer = operator().header("Idempotency-Key", key).post(base + "/drafts/" + second + "/send")
                .then().statusCode(200)
                .body("filedInSent", equalTo(true))
                .body("filedByServer", equalTo(false))
                .body("draftRemoved", equalTo(true))
                .extract().asString();
        Response retry = operator().header("Idempotency-Key", key).post(base + "/drafts/" + second + "/send");
        retry.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(answer, retry.asString());

        assertEquals(1, deliveriesOf(bob, messageId), "one SMTP delivery");
        assertEquals(1, deliveriesOf(hidden, messageId), "Bcc recipients get it too");
        MimeMessage delivered = greenMail.getManagers().getImapHostManager()
                .getInbox(greenMail.getUserManager().getUserByEmail(bob)).getMessages().get(0).getMimeMessage();
        assertEquals(null, delivered.getHeader("Bcc"), "Bcc is not transmitted");
        Message[] sent = upstream(account, "Sent");
        assertEquals(1, sent.length, "one copy in Sent");
        assertEquals(messageId, sent[0].getHeader("Message-ID")[0]);
        assertTrue(sent[0].getFlags().contains(Flags.Flag.SEEN));
        assertEquals(0, upstream(account, "Drafts").length);

        fixture.awaitPass(account.id, DEADLINE);
        FolderEntity sentFolder = fixture.folder(account.id, "Sent");
        assertEquals(1, fixture.messages(sentFolder.id).size());
        assertEquals(0, fixture.messages(drafts.id).size());
        assertEquals(3, fixture.changes(account.id, "message.created"), "two draft versions and the sent copy");
        assertTrue(fixture.changeLog(account.id).stream().filter(e -> e.type.startsWith("message."))
                .allMatch(e -> e.origin.equals("operator")));

        // the same key for another request is refused, and nothing is sent
        operator().header("Idempotency-Key", key).body(Map.of("to", List.of("bob@example.test")))
                .post(base + "/drafts").then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aCopyTheServerFiledItselfIsNotFiledTwice() throws Exception {
        Account account = account(true);
        String base = "/api/v1/accounts/" + account.id;
        String carol = "carol-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String draft = operator().body(Map.of("to", List.of(carol), "subject", "Filed by server"))
                .post(base + "/drafts").then().statusCode(201).extract().path("id");
        Message original = upstream(account, "Drafts")[0];
        String messageId = original.getHeader("Message-ID")[0];
        // what a server that files sent mail does: a copy with the same Message-ID lands in Sent
        try (Store client = SyncFixture.client(greenMail.getImap().getPort(), account.user, "secret")) {
            MimeMessage copy = new MimeMessage((MimeMessage) original);
            copy.setFlag(Flags.Flag.DRAFT, false);
            client.getFolder("Sent").appendMessages(new Message[] {copy});
        }
        operator().post(base + "/drafts/" + draft + "/send")
                .then().statusCode(200)
                .body("filedInSent", equalTo(true))
                .body("filedByServer", equalTo(true));
        assertEquals(1, upstream(account, "Sent").length);
        assertEquals(1, deliveriesOf(carol, messageId));
    }

    @Test
    void anAccountWithoutSmtpCannotSendAndLineBreaksNeverReachAHeader() throws Exception {
        Account account = account(false);
        String base = "/api/v1/accounts/" + account.id;
        String draft = operator().body(Map.of("to", List.of("dan@example.test"), "subject", "No SMTP"))
                .post(base + "/drafts").then().statusCode(201).extract().path("id");
        operator().post(base + "/drafts/" + draft + "/send")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("SMTP"));
        assertEquals(1, upstream(account, "Drafts").length, "the draft stays");

        operator().body(Map.of("to", List.of("dan@example.test"), "subject", "x\r\nBcc: evil@example.test"))
                .post(base + "/drafts").then().statusCode(400).body("errors[0].field", equalTo("subject"));
        operator().body(Map.of("to", List.of("dan@example.test\r\nBcc: evil@example.test")))
                .post(base + "/drafts").then().statusCode(400);
        operator().body(Map.of("to", List.of("not an address")))
                .post(base + "/drafts").then().statusCode(400);
        assertEquals(1, upstream(account, "Drafts").length, "nothing else was stored");
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightAnswers409WithRetryAfter() throws Exception {
        Account account = account(false);
        String base = "/api/v1/accounts/" + account.id;
        FolderEntity drafts = fixture.folder(account.id, "Drafts");
        String key = "slow-" + account.id;
        Map<String, Object> body = Map.of("to", List.of("erin@example.test"), "subject", "Slow");
        CompletableFuture<Integer> first;
        try (MailboxLocks.Held held = locks.folders(List.of(drafts.id), DEADLINE)) {
            first = CompletableFuture.supplyAsync(() -> operator().header("Idempotency-Key", key).body(body)
                    .post(base + "/drafts").statusCode());
            await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                    .createNativeQuery("select count(*) from idempotency_key where idem_key = ?1")
                    .setParameter(1, key).getSingleResult()).longValue()) == 1);
            operator().header("Idempotency-Key", key).body(body).post(base + "/drafts")
                    .then().statusCode(409).header("Retry-After", "1").contentType("application/problem+json");
        }
        assertEquals(201, first.get());
        operator().header("Idempotency-Key", key).body(body).post(base + "/drafts")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(1, upstream(account, "Drafts").length, "stored once");
    }
}
