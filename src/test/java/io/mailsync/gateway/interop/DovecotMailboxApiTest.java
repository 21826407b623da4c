package io.mailsync.gateway.interop;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.testing.AccountRegistration;
import io.mailsync.gateway.testing.MailSamples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a mobile team sees, end to end: an operator registers a Dovecot account over the API, the sync
 * engine mirrors it, and the folders, message list and decoded Japanese message come back over REST.
 */
@QuarkusTest
class DovecotMailboxApiTest {

    private static final String PASSWORD = "api-e2e-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orSkip();

    private static String user;

    @BeforeAll
    static void addUserWithMail() {
        user = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@mailsync.test";
        DovecotServer server = dovecot.server();
        server.addUser(user, PASSWORD);
        server.appendMessages(user, "INBOX", TestMessages.simple(120));
        server.appendMessages(user, "INBOX", List.of(MailSamples.iso2022jpPlain(), MailSamples.shiftJis8bit()));
        server.appendMessages(user, "Projects/2026/東京", List.of(MailSamples.mixedWithAttachments()));
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2("test-operator-token").contentType("application/json");
    }

    @Test
    void registeredAccountIsMirroredAndReadableOverTheApi() {
        String accountId = AccountRegistration.of(user, PASSWORD)
                .imap(dovecot.server().host(), dovecot.server().imapPort()).post()
                .then().statusCode(201)
                .body(not(containsString(PASSWORD)))
                .extract().path("id");

        await().atMost(DEADLINE).untilAsserted(() -> operator().get("/api/v1/accounts/" + accountId)
                .then().statusCode(200)
                .body("status.state", equalTo("idle"))
                .body("status.progress.synced", equalTo(123)));

        JsonPath folders = operator().get("/api/v1/accounts/" + accountId + "/folders")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("inbox", folders.getString("items.find { it.path == 'INBOX' }.role"));
        assertEquals("sent", folders.getString("items.find { it.path == 'Sent' }.role"));
        assertEquals("trash", folders.getString("items.find { it.path == 'Trash' }.role"));
        assertEquals(122, folders.getInt("items.find { it.path == 'INBOX' }.total"));
        assertEquals(1, folders.getInt("items.find { it.path == 'Projects/2026/東京' }.total"));
        assertEquals("東京", folders.getString("items.find { it.path == 'Projects/2026/東京' }.name"));

        String inboxId = folders.getString("items.find { it.path == 'INBOX' }.id");
        JsonPath page = operator().queryParam("folderId", inboxId).queryParam("limit", 200)
                .get("/api/v1/accounts/" + accountId + "/messages")
                .then().statusCode(200)
                .body("items.subject", hasItem(MailSamples.ISO2022JP_SUBJECT))
                .extract().jsonPath();
        assertEquals(122, page.getList("items").size());
        String japaneseId = page.getString("items.find { it.subject == '" + MailSamples.ISO2022JP_SUBJECT + "' }.id");

        String text = operator().get("/api/v1/accounts/" + accountId + "/messages/" + japaneseId)
                .then().statusCode(200)
                .body("subject", equalTo(MailSamples.ISO2022JP_SUBJECT))
                .extract().path("textBody");
        assertTrue(text.contains("明日の会議は10時からです。"), "ISO-2022-JP body decoded: " + text);

        operator().delete("/api/v1/accounts/" + accountId).then().statusCode(204);
        operator().get("/api/v1/accounts/" + accountId + "/folders").then().statusCode(404);
    }
}
