package io.mailsync.gateway.pop3;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.mailsync.gateway.testing.GreenMailUpstream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A POP device's maildrop over REST, under its own token: its own state, never the server's or another device's. */
@QuarkusTest
class MaildropApiTest {

    @Inject
    PopFixture fixture;
    @Inject
    RegisteredTestDevices devices;

    @Test
    void popDeviceReadsAndFilesItsOwnCopiesOnly() throws Exception {
        try (GreenMailUpstream upstream = new GreenMailUpstream("pop-rest-" + UUID.randomUUID().toString().substring(0, 8))) {
            upstream.append("INBOX", PopFixture.message("Rest one", "1\r\n"));
            upstream.append("INBOX", PopFixture.message("Rest two", "2\r\n"));
            UUID account = fixture.mirroredAccount(upstream, 2);
            RegisteredTestDevices.Registered phone = devices.registerPop(account, "phone", ServerPolicy.KEEP);
            RegisteredTestDevices.Registered pc = devices.registerPop(account, "pc", ServerPolicy.KEEP);
            String base = "/api/v1/accounts/" + account + "/devices/" + phone.id() + "/maildrop";

            String first = given().auth().oauth2(phone.token()).get(base).then().statusCode(200)
                    .body("items", hasSize(2)).body("items[0].downloaded", equalTo(false))
                    .extract().jsonPath().getString("items[0].id");
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON)
                    .body("{\"seen\":true,\"folder\":\"Receipts\"}").patch(base + "/" + first)
                    .then().statusCode(200).body("seen", equalTo(true)).body("folder", equalTo("Receipts"));
            given().auth().oauth2(phone.token()).get(base + "/" + first + "/raw").then().statusCode(200)
                    .body(containsString("Subject: Rest"));
            given().auth().oauth2(phone.token()).get(base).then().statusCode(200)
                    .body("items[0].downloaded", equalTo(true)).body("items[0].folder", equalTo("Receipts"));
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON)
                    .body("{\"folder\":\"bad\\r\\nname\"}").patch(base + "/" + first).then().statusCode(400)
                    .contentType(containsString("application/problem+json"));

            // the server's (IMAP) state and the other POP device are untouched
            given().auth().oauth2("test-operator-token").get("/api/v1/accounts/" + account + "/folders").then()
                    .statusCode(200).body("items.find { it.path == 'INBOX' }.unread", equalTo(2));
            given().auth().oauth2("test-operator-token")
                    .get("/api/v1/accounts/" + account + "/devices/" + pc.id() + "/maildrop").then().statusCode(200)
                    .body("items.seen", equalTo(java.util.List.of(false, false)))
                    .body("items.folder", equalTo(java.util.List.of("INBOX", "INBOX")));
            // one POP device cannot see another's maildrop
            given().auth().oauth2(pc.token()).get(base).then().statusCode(404)
                    .contentType(containsString("application/problem+json"));
        }
    }
}
