package io.mailsync.gateway.device;

import static io.mailsync.gateway.device.DeviceApi.as;
import static io.mailsync.gateway.device.DeviceApi.operator;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeviceRegistrationTest {

    @Inject
    MirrorFixture mirror;
    @Inject
    EntityManager em;
    @Inject
    DeviceTokens tokens;

    private UUID account;
    private String base;

    @BeforeEach
    void createAccount() {
        account = mirror.account("127.0.0.1", 1, "devices-" + UUID.randomUUID(), "secret");
        base = "/api/v1/accounts/" + account + "/devices";
    }

    @Test
    void registeredDeviceGetsItsTokenOnceAndIsListedWithoutIt() throws Exception {
        var created = operator().contentType(ContentType.JSON)
                .body(Map.of("name", "Mika's phone", "platform", "ios", "mode", "IMAP"))
                .post(base).then().statusCode(201)
                .header("Location", containsString(base + "/"))
                .body("name", equalTo("Mika's phone")).body("platform", equalTo("ios")).body("mode", equalTo("IMAP"))
                .body("token", notNullValue())
                .extract().jsonPath();
        String token = created.getString("token");
        String id = created.getString("id");
        assertTrue(token.startsWith("msd_"), "tokens carry the gateway prefix");
        byte[] random = Base64.getUrlDecoder().decode(token.substring(4));
        assertEquals(32, random.length, "256 random bits");

        String list = operator().get(base).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].lastActivityAt", nullValue()).body("items[0].lastCursor", nullValue())
                .body("nextCursor", nullValue())
                .extract().asString();
        assertTrue(!list.contains(token) && !list.contains("token"), "the list never shows a token");
        operator().get(base + "/" + id).then().statusCode(200).body("name", equalTo("Mika's phone"))
                .body("$", not(org.hamcrest.Matchers.hasKey("token")));

        byte[] stored = storedHash(UUID.fromString(id));
        assertTrue(MessageDigest.isEqual(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)), stored), "only the SHA-256 hash is stored");
    }

    @Test
    void deviceSeesItsAccountAndActivityIsRecorded() {
        DeviceApi.Registered phone = DeviceApi.register(account, "phone");
        as(phone.token()).get(base).then().statusCode(200).body("items.id", hasItem(phone.id().toString()));
        as(phone.token()).get("/api/v1/accounts/" + account + "/folders").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> operator().get(base + "/" + phone.id())
                .then().body("lastActivityAt", notNullValue()));
    }

    @Test
    void popDeviceKeepsItsPolicy() {
        operator().contentType(ContentType.JSON)
                .body(Map.of("name", "old PC", "platform", "windows", "mode", "POP3",
                        "pop3Policy", Map.of("deleteFromServer", "AFTER_DAYS", "days", 14),
                        "acceptMixedModeRisk", true))
                .post(base).then().statusCode(201)
                .body("mode", equalTo("POP3")).body("pop3Policy.deleteFromServer", equalTo("AFTER_DAYS"))
                .body("pop3Policy.days", equalTo(14)).body("acceptMixedModeRisk", equalTo(true));
        operator().get(base).then().body("items[0].pop3Policy.days", equalTo(14));
    }

    @Test
    void invalidFieldsAnswer400WithFieldErrorsAndStoreNothing() {
        operator().contentType(ContentType.JSON)
                .body(Map.of("name", "x".repeat(101), "platform", "", "mode", "IMAP"))
                .post(base).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("platform"));
        operator().contentType(ContentType.JSON)
                .body(Map.of("name", "pc", "platform", "linux", "mode", "POP3",
                        "pop3Policy", Map.of("deleteFromServer", "AFTER_DAYS")))
                .post(base).then().statusCode(400).body("errors.field", hasItem("pop3Policy.days"));
        operator().contentType(ContentType.JSON)
                .body(Map.of("name", "pc", "platform", "linux", "mode", "IMAP",
                        "pop3Policy", Map.of("deleteFromServer", "NEVER")))
                .post(base).then().statusCode(400).body("errors.field", hasItem("pop3Policy"));
        operator().contentType(ContentType.JSON)
                .body(Map.of("name", "pc", "platform", "linux", "mode", "SMOKE_SIGNALS"))
                .post(base).then().statusCode(400).body("errors.field", hasItem("mode"));
        operator().contentType(ContentType.JSON)
                .body(Map.of("name", "line\r\nbreak", "platform", "linux", "mode", "IMAP"))
                .post(base).then().statusCode(400).body("errors.field", hasItem("name"));
        operator().get(base).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void revokedTokenIsRefusedAtOnceAndUnknownTokensToo() {
        DeviceApi.Registered phone = DeviceApi.register(account, "phone");
        as(phone.token()).get(base).then().statusCode(200);
        operator().delete(base + "/" + phone.id()).then().statusCode(204);
        as(phone.token()).get(base).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        as("msd_" + "A".repeat(43)).get(base).then().statusCode(401);
        as("not-a-token").get(base).then().statusCode(401);
        operator().delete(base + "/" + phone.id()).then().statusCode(404);
        operator().get(base).then().body("items", hasSize(0));
    }

    @Test
    void deviceMayRevokeItselfButNotOthersNorRegister() {
        DeviceApi.Registered phone = DeviceApi.register(account, "phone");
        DeviceApi.Registered pc = DeviceApi.register(account, "pc");
        as(phone.token()).delete(base + "/" + pc.id()).then().statusCode(404);
        as(phone.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "minted", "platform", "ios", "mode", "IMAP"))
                .post(base).then().statusCode(404);
        as(phone.token()).get("/api/v1/accounts").then().statusCode(404);
        as(phone.token()).get("/api/v1/accounts/" + account).then().statusCode(404);
        as(phone.token()).delete(base + "/" + phone.id()).then().statusCode(204);
        as(phone.token()).get(base).then().statusCode(401);
        as(pc.token()).get(base).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void operatorKeepsItsPowers() {
        operator().get("/api/v1/accounts/" + account).then().statusCode(200);
        DeviceApi.Registered phone = DeviceApi.register(account, "phone");
        operator().get(base + "/" + phone.id()).then().statusCode(200);
        operator().get("/api/v1/accounts/" + account + "/folders").then().statusCode(200);
    }

    @Test
    void devicesOfAnotherAccountAreNotFound() {
        UUID other = mirror.account("127.0.0.1", 1, "devices-other-" + UUID.randomUUID(), "secret");
        DeviceApi.Registered foreign = DeviceApi.register(other, "foreign");
        operator().get(base + "/" + foreign.id()).then().statusCode(404);
        operator().delete(base + "/" + foreign.id()).then().statusCode(404);
        operator().get("/api/v1/accounts/" + UUID.randomUUID() + "/devices").then().statusCode(404);
        operator().get(base + "/not-a-uuid").then().statusCode(404);
    }

    @Test
    void loginByDeviceIdAndTokenFindsTheDevice() {
        DeviceApi.Registered phone = DeviceApi.register(account, "pop client");
        assertEquals(account, tokens.authenticate(phone.id(), phone.token()).orElseThrow().accountId());
        assertTrue(tokens.authenticate(phone.id(), phone.token() + "x").isEmpty());
        assertTrue(tokens.authenticate(UUID.randomUUID(), phone.token()).isEmpty());
        assertEquals(phone.id(), tokens.authenticate(phone.token()).orElseThrow().deviceId());
        assertNotEquals(phone.token(), DeviceTokens.newToken());
    }

    @Transactional
    byte[] storedHash(UUID deviceId) {
        return (byte[]) em.createNativeQuery("select token_hash from device where id = ?1")
                .setParameter(1, deviceId).getSingleResult();
    }
}
