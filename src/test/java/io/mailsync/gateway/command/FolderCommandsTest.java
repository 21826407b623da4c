package io.mailsync.gateway.command;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailImap;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Folder create, rename and delete, written through to GreenMail, with ETag/If-Match and one log entry each. */
@QuarkusTest
class FolderCommandsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailImap greenMail = new GreenMailImap();

    @Inject
    SyncFixture fixture;

    static RequestSpecification operator() {
        return given().auth().oauth2("test-operator-token").contentType("application/json");
    }

    private boolean existsUpstream(String user, String path) throws Exception {
        try (Store client = SyncFixture.client(greenMail.port(), user, "secret")) {
            return client.getFolder(path).exists();
        }
    }

    @Test
    void foldersAreCreatedRenamedAndDeletedUpstreamAndLoggedOnce() throws Exception {
        String user = "f" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        greenMail.setUser(user, user, "secret");
        try (Store client = SyncFixture.client(greenMail.port(), user, "secret")) {
            client.getFolder("Trash").create(Folder.HOLDS_MESSAGES);
        }
        UUID account = fixture.createAccount(user, "secret", greenMail.port());
        fixture.awaitPass(account, DEADLINE);
        String base = "/api/v1/accounts/" + account + "/folders";

        String projects = operator().header("Idempotency-Key", "create-" + account).body(Map.of("name", "Projects"))
                .post(base).then().statusCode(201).body("path", equalTo("Projects")).extract().path("id");
        String tokyo = operator().body(Map.of("name", "東京", "parentId", projects))
                .post(base).then().statusCode(201).body("path", equalTo("Projects.東京")).extract().path("id");
        assertTrue(existsUpstream(user, "Projects.東京"));
        operator().body(Map.of("name", "Projects")).post(base).then().statusCode(409);
        operator().body(Map.of("name", "a.b")).post(base).then().statusCode(400).body("errors[0].field", equalTo("name"));
        operator().body(Map.of("name", "x\r\nA1 DELETE INBOX")).post(base).then().statusCode(400);

        String etag = operator().get(base + "/" + projects).then().statusCode(200).extract().header("ETag");
        operator().header("If-Match", etag).body(Map.of("name", "Work")).patch(base + "/" + projects)
                .then().statusCode(200).body("path", equalTo("Work")).body("id", equalTo(projects));
        assertTrue(existsUpstream(user, "Work.東京"));
        assertFalse(existsUpstream(user, "Projects"));
        operator().get(base + "/" + tokyo).then().statusCode(200).body("path", equalTo("Work.東京"));
        operator().header("If-Match", etag).delete(base + "/" + projects).then().statusCode(412);
        operator().delete(base + "/" + projects).then().statusCode(409);

        operator().delete(base + "/" + tokyo).then().statusCode(204);
        assertFalse(existsUpstream(user, "Work.東京"));
        String trash = fixture.folder(account, "Trash").id.toString();
        operator().delete(base + "/" + trash).then().statusCode(409);

        fixture.awaitPass(account, DEADLINE);
        assertEquals(2, fixture.changes(account, "folder.created") - fixture.changeLog(account).stream()
                .filter(e -> e.type.equals("folder.created") && e.origin.equals("upstream")).count());
        assertEquals(2, fixture.changes(account, "folder.renamed"), "the folder and its child, once each");
        assertEquals(1, fixture.changes(account, "folder.destroyed"));
        assertTrue(fixture.changeLog(account).stream()
                .filter(e -> e.type.equals("folder.renamed") || e.type.equals("folder.destroyed"))
                .allMatch(e -> e.origin.equals("operator")));
        assertEquals("Work", fixture.folders(account).stream()
                .filter(f -> f.id.toString().equals(projects)).findFirst().orElseThrow().path);
    }
}
