package io.mailsync.gateway.api.accounts;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.testing.AccountRegistration;
import io.mailsync.gateway.testing.RecordedAccountEvents;
import io.mailsync.gateway.testing.UpstreamMailServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountResourceTest {

    private static final String PASSWORD = "Correct-Horse-7431";
    private static UpstreamMailServer upstream;

    @Inject
    RecordedAccountEvents events;

    @BeforeAll
    static void startUpstream() {
        upstream = new UpstreamMailServer();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2("test-operator-token");
    }

    private static String register(String login) {
        return upstream.registration(login, PASSWORD).register().toString();
    }

    private static String body(String imapHost, int imapPort, String extra) {
        String login = "user-" + UUID.randomUUID();
        return """
                {"email": "%s@example.com", "username": "%s", "password": "%s",
                 "imap": {"host": "%s", "port": %d, "security": "NONE"}%s}
                """.formatted(login, login, PASSWORD, imapHost, imapPort, extra);
    }

    @Test
    void registeringVerifiesTheLoginAndAnswersTheAccountWithoutItsSecret() {
        String login = upstream.newUser(PASSWORD);
        Response created = upstream.registration(login, PASSWORD).smtp("smtp.example.com", 587, "STARTTLS").post()
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("ETag", notNullValue())
                .body("id", notNullValue())
                .body("email", equalTo(login + "@example.com"))
                .body("username", equalTo(login))
                .body("imap.host", equalTo("127.0.0.1"))
                .body("imap.port", equalTo(upstream.imapPort()))
                .body("imap.security", equalTo("NONE"))
                .body("smtp.host", equalTo("smtp.example.com"))
                .body("smtp.security", equalTo("STARTTLS"))
                .body("$", not(hasKey("pop3")))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("quota")))
                .body("status.state", equalTo("initial-sync"))
                .body("status.progress.synced", equalTo(0))
                .body("status.progress.total", equalTo(0))
                .body("status.lastError", nullValue())
                .body("createdAt", notNullValue())
                .extract().response();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/accounts/" + id), created.header("Location"));
        assertFalse(created.asString().contains(PASSWORD));

        // the sync engine starts at once, so the status (and with it the ETag) may already have moved on
        String fetched = operator().when().get(created.header("Location"))
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(id))
                .body("status.state", in(List.of("initial-sync", "syncing", "idle")))
                .extract().asString();
        assertFalse(fetched.contains(PASSWORD));
    }

    @Test
    void registrationIsAnnouncedToTheSyncEngineAfterCommit() {
        String id = register(upstream.newUser(PASSWORD));
        assertTrue(events.wasRegistered(UUID.fromString(id)));
    }

    @Test
    void getWithTheCurrentETagAnswersNotModified() {
        String id = register(upstream.newUser(PASSWORD));
        // each sync pass updates the status; between passes the representation, and so its ETag, holds still
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String etag = operator().when().get("/api/v1/accounts/" + id).then().statusCode(200).extract().header("ETag");
            operator().header("If-None-Match", etag).when().get("/api/v1/accounts/" + id)
                    .then().statusCode(304);
        });
        operator().header("If-None-Match", "\"something-else\"").when().get("/api/v1/accounts/" + id)
                .then().statusCode(200);
        operator().header("If-Match", "\"something-else\"").when().get("/api/v1/accounts/" + id)
                .then().statusCode(412).contentType("application/problem+json");
    }

    @Test
    void wrongPasswordAnswers422WithTheServerReasonAndStoresNothing() {
        String login = upstream.newUser(PASSWORD);
        String wrong = "Wrong-Battery-9911";
        String answer = upstream.registration(login, wrong).post()
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/upstream-auth-failed"))
                .body("status", equalTo(422))
                .body("detail", containsString("refused the login"))
                .extract().asString();
        assertFalse(answer.contains(wrong));
        assertFalse(allAccountUsernames().contains(login), "nothing stored for a refused login");
    }

    @Test
    void closedPortAnswers502() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        AccountRegistration.of("user-" + UUID.randomUUID(), PASSWORD).imap(closed).post()
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", endsWith("/upstream-failed"))
                .body("detail", equalTo("could not connect to 127.0.0.1:" + closed + ": connection refused"));
    }

    @Test
    void silentServerAnswers504() throws Exception {
        // the kernel completes the connection from the backlog; nobody ever sends a greeting
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AccountRegistration.of("user-" + UUID.randomUUID(), PASSWORD).imap(silent.getLocalPort()).post()
                    .then().statusCode(504)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/upstream-timeout"))
                    .body("detail", containsString("did not answer in time"));
        }
    }

    @Test
    void sameLoginOnTheSameServerTwiceAnswers409() {
        String login = upstream.newUser(PASSWORD);
        register(login);
        upstream.registration(login, PASSWORD).post()
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/conflict"));
    }

    @Test
    void invalidFieldsAnswer400WithEveryFieldPath() {
        String json = """
                {"email": "not-an-address", "username": "alice\\r\\nA1 LOGOUT", "password": "pw\\u0000x",
                 "imap": {"host": "imap.example.com\\r\\nX", "port": 70000, "security": "NONE"},
                 "smtp": {"host": "-bad-", "port": 0}}
                """;
        operator().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/validation"))
                .body("errors.field", hasItems("email", "username", "password", "imap.host", "imap.port",
                        "smtp.host", "smtp.port", "smtp.security"))
                .body("detail", not(containsString("pw")));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        operator().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .body("errors.field", hasItems("email", "username", "password", "imap"));
        operator().contentType(ContentType.JSON).body("{\"email\": \"a@example.com\", \"username\": \"a\", "
                        + "\"password\": \"x\", \"imap\": {}}")
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .body("errors.field", hasItems("imap.host", "imap.port", "imap.security"));
    }

    @Test
    void passwordAndTokenTogetherAreRefused() {
        String json = body("127.0.0.1", upstream.imapPort(), ", \"oauth2Token\": \"ya29.token\"");
        operator().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .body("errors.field", hasItem("password"))
                .body("errors.message", hasItem("give exactly one of password and oauth2Token"));
    }

    @Test
    void overlongFieldsAreRefused() {
        String json = """
                {"email": "a@example.com", "username": "%s", "password": "x",
                 "imap": {"host": "%s.example.com", "port": 993, "security": "SSL"}}
                """.formatted("u".repeat(321), "h".repeat(64));
        operator().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .body("errors.field", hasItems("username", "imap.host"));
    }

    @Test
    void wrongJsonTypesNameTheField() {
        operator().contentType(ContentType.JSON).body(body("127.0.0.1", 993, "").replace("993", "\"imaps\""))
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("imap.port"));
        operator().contentType(ContentType.JSON).body(body("127.0.0.1", 993, "").replace("\"NONE\"", "\"TLS\""))
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("imap.security"))
                .body("errors[0].message", equalTo("must be one of SSL, STARTTLS, NONE"));
        operator().contentType(ContentType.JSON).body(body("127.0.0.1", 993, ", \"smtp\": [1, 2]"))
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("smtp"));
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        operator().contentType(ContentType.JSON).body(body("127.0.0.1", 993, ", \"smpt\": {}"))
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("smpt"))
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void malformedJsonAnswers400() {
        operator().contentType(ContentType.JSON).body("{\"email\": ")
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/malformed-request"));
        operator().contentType(ContentType.JSON).body("")
                .when().post("/api/v1/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void nonJsonBodyAnswers415() {
        operator().contentType(ContentType.TEXT).body("email=a@example.com")
                .when().post("/api/v1/accounts")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void everyOperationNeedsTheOperatorToken() {
        AccountRegistration.of("user-" + UUID.randomUUID(), PASSWORD).imap(upstream.imapPort()).withoutToken().post()
                .then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/accounts/" + UUID.randomUUID()).then().statusCode(401);
        given().when().delete("/api/v1/accounts/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void unknownAndMalformedIdsAnswer404() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "12345")) {
            operator().when().get("/api/v1/accounts/" + id)
                    .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
            operator().when().delete("/api/v1/accounts/" + id)
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void deletingRemovesTheAccountAndAnnouncesIt() {
        String id = register(upstream.newUser(PASSWORD));
        operator().when().delete("/api/v1/accounts/" + id).then().statusCode(204);
        operator().when().get("/api/v1/accounts/" + id).then().statusCode(404);
        operator().when().delete("/api/v1/accounts/" + id).then().statusCode(404);
        assertTrue(events.wasRemoved(UUID.fromString(id)));
    }

    @Test
    void listPagesThroughEveryAccountOnceInRegistrationOrder() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(register(upstream.newUser(PASSWORD)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = operator().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/accounts")
                    .then().statusCode(200).contentType(ContentType.JSON).extract().response();
            List<String> ids = page.path("items.id");
            assertTrue(ids.size() <= 2);
            assertFalse(page.asString().contains(PASSWORD));
            seen.addAll(ids);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 1000);
        assertNotNull(seen);
        assertEquals(seen.size(), seen.stream().distinct().count(), "no account twice");
        List<String> mineInOrder = seen.stream().filter(mine::contains).toList();
        assertEquals(mine, mineInOrder);
    }

    @Test
    void lastPageHasANullCursor() {
        register(upstream.newUser(PASSWORD));
        operator().queryParam("limit", 200).when().get("/api/v1/accounts")
                .then().statusCode(200)
                .body("$", hasKey("nextCursor"));
    }

    @Test
    void badLimitsAndCursorsAnswer400() {
        for (String limit : List.of("0", "201", "-1", "ten")) {
            operator().queryParam("limit", limit).when().get("/api/v1/accounts")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("limit"));
        }
        operator().queryParam("cursor", "not a cursor").when().get("/api/v1/accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    private static List<String> allAccountUsernames() {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = operator().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/accounts").then().statusCode(200).extract().response();
            names.addAll(page.path("items.username"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return names;
    }
}
