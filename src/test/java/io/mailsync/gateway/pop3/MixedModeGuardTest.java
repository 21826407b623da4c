package io.mailsync.gateway.pop3;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registration refuses to mix IMAP devices with POP devices that delete from the server, unless the risk is accepted. */
@QuarkusTest
class MixedModeGuardTest {

    @Inject
    MirrorFixture mirror;

    private static RequestSpecification operator() {
        return given().auth().oauth2("test-operator-token").contentType(ContentType.JSON);
    }

    private UUID account() {
        return mirror.account("127.0.0.1", 9, "guard-" + UUID.randomUUID().toString().substring(0, 8), "secret");
    }

    private static String pop(String policy, String extra) {
        return "{\"name\":\"tablet\",\"platform\":\"android\",\"mode\":\"POP3\",\"pop3Policy\":" + policy + extra + "}";
    }

    @Test
    void deletingPopDeviceOnAnImapAccountNeedsTheRiskAccepted() {
        UUID account = account();
        String devices = "/api/v1/accounts/" + account + "/devices";
        operator().body("{\"name\":\"phone\",\"platform\":\"ios\",\"mode\":\"IMAP\"}").post(devices)
                .then().statusCode(201);
        operator().get("/api/v1/accounts/" + account).then().statusCode(200).body("warnings", org.hamcrest.Matchers.nullValue());

        operator().body(pop("{\"deleteFromServer\":\"AFTER_DOWNLOAD\"}", "")).post(devices).then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("IMAP device(s) use this account"));
        operator().body(pop("{\"deleteFromServer\":\"AFTER_DAYS\",\"days\":14}", "")).post(devices).then()
                .statusCode(409);
        operator().get(devices).then().statusCode(200).body("items", hasSize(1));

        operator().body(pop("{\"deleteFromServer\":\"NEVER\"}", "")).post(devices).then().statusCode(201);
        operator().get("/api/v1/accounts/" + account).then().statusCode(200).body("warnings", org.hamcrest.Matchers.nullValue());

        operator().body(pop("{\"deleteFromServer\":\"AFTER_DOWNLOAD\"}", ",\"acceptMixedModeRisk\":true")).post(devices)
                .then().statusCode(201);
        operator().get("/api/v1/accounts/" + account).then().statusCode(200)
                .body("warnings[0]", containsString("mixed mode"));
    }

    @Test
    void imapDeviceOnAnAccountWithADeletingPopDeviceNeedsTheRiskAccepted() {
        UUID account = account();
        String devices = "/api/v1/accounts/" + account + "/devices";
        operator().body(pop("{\"deleteFromServer\":\"AFTER_DAYS\",\"days\":3}", "")).post(devices).then()
                .statusCode(201);
        operator().body("{\"name\":\"phone\",\"platform\":\"ios\",\"mode\":\"IMAP\"}").post(devices)
                .then().statusCode(409).body("detail", containsString("POP device(s) of this account delete"));
        operator().body("{\"name\":\"phone\",\"platform\":\"ios\",\"mode\":\"IMAP\",\"acceptMixedModeRisk\":true}")
                .post(devices).then().statusCode(201);
    }
}
