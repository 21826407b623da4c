package io.mailsync.gateway.api;

import static io.mailsync.gateway.device.DeviceApi.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Method;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A device reaches only its own account. The test walks every operation of the committed contract
 * ({@code openapi/openapi.yaml}), so endpoints added later are covered without touching it.
 *
 * <p>Path parameters are filled with account B's real ids: {@code accountId}, {@code folderId},
 * {@code messageId}, {@code deviceId} (and {@code draftId}) name existing rows of B; any other parameter
 * gets {@code 1} when the contract types it as an integer, else a fresh UUID. Bodies: an operation with a
 * request body gets {@code {}} as {@code application/json}. The body is deliberately not valid: the
 * authentication filter must answer 404 before the body is read or validated, so a 400 here would mean
 * that validation (and with it the endpoint's existence) ran for a caller who may not see the account.
 */
@QuarkusTest
class DeviceAccountIsolationTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Inject
    MirrorFixture mirror;

    private UUID accountA;
    private DeviceApi.Registered deviceOfA;
    private Map<String, String> idsOfB;

    @BeforeEach
    void twoAccounts() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID a = mirror.account("127.0.0.1", 1, "isolation-a-" + suffix, "secret");
        accountA = a;
        UUID b = mirror.account("127.0.0.1", 1, "isolation-b-" + suffix, "secret");
        UUID folderOfB = mirror.folder(b, "INBOX", "inbox", 7L);
        UUID messageOfB = mirror.message(b, folderOfB, 1, Instant.now(), m -> { });
        UUID deviceOfB = DeviceApi.register(b, "b's phone").id();
        deviceOfA = DeviceApi.register(a, "a's phone");
        idsOfB = Map.of("accountId", b.toString(), "folderId", folderOfB.toString(),
                "messageId", messageOfB.toString(), "draftId", messageOfB.toString(),
                "deviceId", deviceOfB.toString());
    }

    @Test
    void everyOperationOnAnotherAccountAnswers404() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(Path.of("openapi", "openapi.yaml"), StandardCharsets.UTF_8));
        List<String> walked = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().isObject() || !op.getValue().has("responses")) {
                return;
            }
            String template = path.getKey();
            if (!template.contains("{accountId}")) {
                return; // walked in deviceCannotReachAccountLevelOperatorEndpoints
            }
            String url = fill(template, op.getValue(), path.getValue());
            Method method = Method.valueOf(op.getKey().toUpperCase());
            boolean hasBody = op.getValue().has("requestBody");
            Response response = send(method, url, hasBody);
            assertEquals(404, response.statusCode(), method + " " + url + " answered " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), method + " " + url);
            walked.add(method + " " + template);
        }));
        assertTrue(walked.size() >= 8, "the contract's account operations were walked: " + walked);
    }

    @Test
    void deviceCannotReachAccountLevelOperatorEndpoints() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(Path.of("openapi", "openapi.yaml"), StandardCharsets.UTF_8));
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().isObject() || !op.getValue().has("responses") || path.getKey().contains("{accountId}")) {
                return;
            }
            Method method = Method.valueOf(op.getKey().toUpperCase());
            Response response = send(method, fill(path.getKey(), op.getValue(), path.getValue()),
                    op.getValue().has("requestBody"));
            assertEquals(404, response.statusCode(), method + " " + path.getKey());
        }));
    }

    @Test
    void revokedAndUnknownTokensAnswer401() {
        String devices = "/api/v1/accounts/" + idsOfB.get("accountId") + "/devices";
        as("msd_unknown-" + UUID.randomUUID()).get(devices).then().statusCode(401)
                .contentType("application/problem+json");
        DeviceApi.operator().delete("/api/v1/accounts/" + accountA + "/devices/" + deviceOfA.id())
                .then().statusCode(204);
        as(deviceOfA.token()).get("/api/v1/accounts/" + accountA + "/devices").then().statusCode(401)
                .contentType("application/problem+json");
        as(deviceOfA.token()).get(devices).then().statusCode(401);
    }

    /** Sends as device A; waits out a 429 (the walk may exceed the test's burst) rather than failing on it. */
    private Response send(Method method, String url, boolean withBody) {
        AtomicReference<Response> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var request = as(deviceOfA.token());
            if (withBody) {
                request = request.contentType("application/json").body("{}");
            }
            Response r = request.request(method, url);
            last.set(r);
            return r.statusCode() != 429;
        });
        return last.get();
    }

    private String fill(String template, JsonNode operation, JsonNode pathItem) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder url = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = idsOfB.get(name);
            if (value == null) {
                value = isInteger(name, operation) || isInteger(name, pathItem) ? "1" : UUID.randomUUID().toString();
            }
            m.appendReplacement(url, value);
        }
        m.appendTail(url);
        return url.toString();
    }

    private static boolean isInteger(String name, JsonNode node) {
        for (JsonNode p : node.path("parameters")) {
            if (name.equals(p.path("name").asText()) && "integer".equals(p.path("schema").path("type").asText())) {
                return true;
            }
        }
        return false;
    }
}
