package io.mailsync.gateway.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed contract in {@code openapi/openapi.yaml} is what client teams generate from: the
 * served document must not drift from it. On drift the served version is written next to the build
 * output so that a deliberate change is one copy away.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
    private static final Path SERVED_COPY = Path.of("target", "openapi-served.yaml");

    @Test
    void servedContractMatchesTheCommittedOne() throws Exception {
        String served = given().accept("application/yaml").when().get("/q/openapi?format=yaml")
                .then().statusCode(200).extract().asString();
        Files.createDirectories(SERVED_COPY.getParent());
        Files.writeString(SERVED_COPY, served, StandardCharsets.UTF_8);
        if (!Files.exists(COMMITTED)) {
            fail("openapi/openapi.yaml is missing; review and commit the served contract: cp " + SERVED_COPY + " " + COMMITTED);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode expected = yaml.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        JsonNode actual = yaml.readTree(served);
        assertEquals(expected, actual, "the served OpenAPI document differs from openapi/openapi.yaml; if the change is "
                + "intended, review it and run: cp " + SERVED_COPY + " " + COMMITTED);
    }

    @Test
    void everyOperationHasAnIdAndProblemResponses() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().isObject() || !op.getValue().has("responses")) {
                return;
            }
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            assertTrue(op.getValue().hasNonNull("operationId"), where + " has no operationId");
            boolean documentsProblems = false;
            var responses = op.getValue().path("responses").fields();
            while (responses.hasNext()) {
                var response = responses.next();
                if (response.getKey().startsWith("4") && response.getValue().path("content").has("application/problem+json")) {
                    documentsProblems = true;
                }
            }
            assertTrue(documentsProblems, where + " documents no problem+json error response");
        }));
    }
}
