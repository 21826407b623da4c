package io.mailsync.gateway.api.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With private hosts not allowed, as in production, inside addresses are refused before any connection. */
@QuarkusTest
@TestProfile(PrivateHostRefusalTest.PublicHostsOnly.class)
class PrivateHostRefusalTest {

    /** Production's host policy. */
    public static class PublicHostsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mailsync.upstream.allow-private-hosts", "false");
        }
    }

    private static String body(String imapHost, String extra) {
        return """
                {"email": "a@example.com", "username": "alice", "password": "irrelevant",
                 "imap": {"host": "%s", "port": 993, "security": "SSL"}%s}
                """.formatted(imapHost, extra);
    }

    @Test
    void loopbackImapHostIsRefusedWith422() {
        given().auth().oauth2("test-operator-token").contentType(ContentType.JSON).body(body("127.0.0.1", ""))
                .when().post("/api/v1/accounts")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/upstream-host-refused"))
                .body("status", equalTo(422))
                .body("detail", containsString("imap.host 127.0.0.1 resolves to 127.0.0.1, a loopback address"));
    }

    @Test
    void privateSmtpHostBehindAPublicImapHostIsRefusedToo() {
        given().auth().oauth2("test-operator-token").contentType(ContentType.JSON)
                .body(body("8.8.8.8", ", \"smtp\": {\"host\": \"10.1.2.3\", \"port\": 587, \"security\": \"STARTTLS\"}"))
                .when().post("/api/v1/accounts")
                .then().statusCode(422)
                .body("type", endsWith("/upstream-host-refused"))
                .body("detail", containsString("smtp.host 10.1.2.3"));
    }

    @Test
    void nameResolvingToLoopbackIsRefused() {
        given().auth().oauth2("test-operator-token").contentType(ContentType.JSON).body(body("localhost", ""))
                .when().post("/api/v1/accounts")
                .then().statusCode(422)
                .body("type", endsWith("/upstream-host-refused"));
    }
}
