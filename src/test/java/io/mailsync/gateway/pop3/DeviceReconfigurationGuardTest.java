package io.mailsync.gateway.pop3;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Re-configuring a device meets the same mixed-mode guard as registering one. */
@QuarkusTest
class DeviceReconfigurationGuardTest {

    @Inject
    MirrorFixture mirror;

    private static RequestSpecification operator() {
        return given().auth().oauth2("test-operator-token").contentType(ContentType.JSON);
    }

    private UUID account() {
        return mirror.account("127.0.0.1", 9, "reconf-" + UUID.randomUUID().toString().substring(0, 8), "secret");
    }

    private static String register(String devices, String body) {
        return operator().body(body).post(devices).then().statusCode(201).extract().path("id");
    }

    @Test
    void popDeviceSwitchedToDeleteAfterDownloadOnAnImapAccountNeedsTheRiskAccepted() {
        UUID account = account();
        String devices = "/api/v1/accounts/" + account + "/devices";
        register(devices, "{\"name\":\"phone\",\"platform\":\"ios\",\"mode\":\"IMAP\"}");
        String tablet = register(devices, "{\"name\":\"tablet\",\"platform\":\"android\",\"mode\":\"POP3\","
                + "\"pop3Policy\":{\"deleteFromServer\":\"NEVER\"}}");

        operator().body("{\"pop3Policy\":{\"deleteFromServer\":\"AFTER_DOWNLOAD\"}}").patch(devices + "/" + tablet)
                .then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("IMAP device(s) use this account"))
                .body("detail", containsString("acceptMixedModeRisk=true"));
        // nothing changed: the device keeps NEVER, and the account does not warn
        operator().get(devices + "/" + tablet).then().statusCode(200)
                .body("pop3Policy.deleteFromServer", equalTo("NEVER"));
        operator().get("/api/v1/accounts/" + account).then().statusCode(200).body("warnings", nullValue());

        operator().body("{\"name\":\"Mika's tablet\",\"pop3Policy\":{\"deleteFromServer\":\"AFTER_DOWNLOAD\"},"
                        + "\"acceptMixedModeRisk\":true}").patch(devices + "/" + tablet)
                .then().statusCode(200)
                .body("name", equalTo("Mika's tablet"))
                .body("pop3Policy.deleteFromServer", equalTo("AFTER_DOWNLOAD"))
                .body("acceptMixedModeRisk", equalTo(true));
        operator().get("/api/v1/accounts/" + account).then().statusCode(200)
                .body("warnings[0]", containsString("mixed mode"));

        // a rename alone leaves the accepted policy in place; going back to NEVER ends the warning
        operator().body("{\"name\":\"tablet\"}").patch(devices + "/" + tablet).then().statusCode(200)
                .body("pop3Policy.deleteFromServer", equalTo("AFTER_DOWNLOAD"));
        operator().body("{\"pop3Policy\":{\"deleteFromServer\":\"NEVER\"}}").patch(devices + "/" + tablet)
                .then().statusCode(200);
        operator().get("/api/v1/accounts/" + account).then().statusCode(200).body("warnings", nullValue());
    }

    @Test
    void modeStaysAndBadBodiesChangeNothing() {
        UUID account = account();
        String devices = "/api/v1/accounts/" + account + "/devices";
        String phone = register(devices, "{\"name\":\"phone\",\"platform\":\"ios\",\"mode\":\"IMAP\"}");
        String tablet = register(devices, "{\"name\":\"tablet\",\"platform\":\"android\",\"mode\":\"POP3\","
                + "\"pop3Policy\":{\"deleteFromServer\":\"NEVER\"}}");

        operator().body("{\"mode\":\"POP3\"}").patch(devices + "/" + phone).then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("keeps the mode"));
        operator().body("{\"mode\":\"IMAP\",\"name\":\"my phone\"}").patch(devices + "/" + phone).then()
                .statusCode(200).body("name", equalTo("my phone"));
        operator().body("{\"pop3Policy\":{\"deleteFromServer\":\"NEVER\"}}").patch(devices + "/" + phone).then()
                .statusCode(400).contentType(containsString("application/problem+json"));
        operator().body("{\"pop3Policy\":{\"deleteFromServer\":\"AFTER_DAYS\"}}").patch(devices + "/" + tablet)
                .then().statusCode(400);
        operator().body("{\"name\":\"a\\r\\nb\"}").patch(devices + "/" + tablet).then().statusCode(400);
        operator().get(devices + "/" + tablet).then().statusCode(200).body("name", equalTo("tablet"))
                .body("pop3Policy.deleteFromServer", equalTo("NEVER"));
        operator().body("{\"name\":\"x\"}").patch(devices + "/" + UUID.randomUUID()).then().statusCode(404);
        String token = operator().body("{\"name\":\"pc\",\"platform\":\"linux\",\"mode\":\"IMAP\"}").post(devices)
                .then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"mine now\"}")
                .patch(devices + "/" + tablet).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }
}
