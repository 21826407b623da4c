package io.mailsync.gateway.api.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.testing.UpstreamMailServer;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every answer carries X-Request-Id, and log lines carry the request id and account id as JSON fields. */
@QuarkusTest
class RequestContextFilterTest {

    private static final String TOKEN = "test-operator-token";
    private static final String PASSWORD = "Pw-" + UUID.randomUUID();

    /** The production log format (JSON), attached beside the test's text console; background threads log too. */
    private final List<String> jsonLines = new CopyOnWriteArrayList<>();
    private final Handler jsonCapture = new Handler() {
        private final JsonFormatter format = new JsonFormatter();

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("io.mailsync")) {
                jsonLines.add(format.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureJsonLog() {
        jsonCapture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(jsonCapture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(jsonCapture);
    }

    @Test
    void everyAnswerCarriesARequestId() {
        String generated = given().auth().oauth2(TOKEN).when().get("/api/v1/accounts")
                .then().statusCode(200).extract().header(RequestContextFilter.REQUEST_ID_HEADER);
        assertEquals(4, UUID.fromString(generated).version(), generated);
        assertEquals(2, UUID.fromString(generated).variant(), generated);

        String refused = given().when().get("/api/v1/accounts")
                .then().statusCode(401).extract().header(RequestContextFilter.REQUEST_ID_HEADER);
        UUID.fromString(refused);
        assertNotEquals(generated, refused);

        given().auth().oauth2(TOKEN).header(RequestContextFilter.REQUEST_ID_HEADER, "app-7f3a:req.42")
                .when().get("/api/v1/accounts/" + UUID.randomUUID())
                .then().statusCode(404).header(RequestContextFilter.REQUEST_ID_HEADER, "app-7f3a:req.42");

        // a caller's id that could forge log content or flood it is replaced, not echoed
        for (String hostile : List.of("a b", "x".repeat(65), "id\"}{\"level\":\"ERROR")) {
            String answered = given().auth().oauth2(TOKEN).header(RequestContextFilter.REQUEST_ID_HEADER, hostile)
                    .when().get("/api/v1/accounts")
                    .then().statusCode(200).extract().header(RequestContextFilter.REQUEST_ID_HEADER);
            UUID.fromString(answered);
        }
    }

    @Test
    void logLinesCarryRequestIdAndAccountIdAsJsonFieldsAndNoSecret() throws Exception {
        String accountId;
        try (UpstreamMailServer upstream = new UpstreamMailServer()) {
            String login = upstream.newUser(PASSWORD);
            accountId = upstream.registration(login, PASSWORD).header(RequestContextFilter.REQUEST_ID_HEADER, "register-1")
                    .register().toString();
            given().auth().oauth2(TOKEN).header(RequestContextFilter.REQUEST_ID_HEADER, "remove-1")
                    .when().delete("/api/v1/accounts/" + accountId)
                    .then().statusCode(204).header(RequestContextFilter.REQUEST_ID_HEADER, "remove-1");
        }

        ObjectMapper json = new ObjectMapper();
        JsonNode registered = null;
        JsonNode removed = null;
        for (String line : jsonLines) {
            assertFalse(line.contains(PASSWORD), "a log line holds the upstream password: " + line);
            assertFalse(line.contains(TOKEN), "a log line holds the operator token: " + line);
            JsonNode record = json.readTree(line);
            String message = record.path("message").asText();
            if (message.contains("account " + accountId + " registered")) {
                registered = record;
            } else if (message.contains("account " + accountId + " removed")) {
                removed = record;
            }
        }
        assertTrue(registered != null && removed != null, "both log lines were captured: " + jsonLines);
        assertEquals("register-1", registered.path("mdc").path("requestId").asText(), registered.toString());
        assertEquals("remove-1", removed.path("mdc").path("requestId").asText(), removed.toString());
        assertEquals(accountId, removed.path("mdc").path("accountId").asText(), removed.toString());
        // the registration's path names no account yet
        assertTrue(registered.path("mdc").path("accountId").isMissingNode(), registered.toString());
    }
}
