package io.mailsync.gateway.api.messages;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A message list page kept by the page cache is sent again only while the account has not changed: a change from
 * upstream, from a device, or committed by another replica straight into the database shows on the very next request.
 */
@QuarkusTest
class MessagePageCacheTest {

    private static final String TOKEN = "test-operator-token";

    @Inject
    SyncFixture fixture;
    @Inject
    MeterRegistry registry;
    @Inject
    DataSource dataSource;

    @Test
    void keptPageIsSentOnlyUntilTheAccountChanges() throws Exception {
        String user = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        try (GreenMailUpstream upstream = new GreenMailUpstream(user)) {
            upstream.append("INBOX", raw("First"));
            upstream.append("INBOX", raw("Second"));
            UUID account = fixture.createAccount(user, upstream.password, upstream.port());
            String page = "/api/v1/accounts/" + account + "/messages?limit=10";
            fixture.awaitPass(account, Duration.ofSeconds(60));
            assertEquals(2, list(page).getList("items").size());

            // unchanged: the same bytes, from the cache
            double hits = hits();
            String kept = given().auth().oauth2(TOKEN).get(page).then().statusCode(200).extract().asString();
            assertEquals(kept, given().auth().oauth2(TOKEN).get(page).then().statusCode(200).extract().asString());
            assertTrue(hits() >= hits + 2, "unchanged pages are answered from the cache");

            // an app that has the page asks whether it changed: 304, without a body
            String etag = given().auth().oauth2(TOKEN).get(page).then().statusCode(200).extract().header("ETag");
            assertTrue(etag != null && etag.startsWith("\"") && etag.endsWith("\""), "a strong ETag: " + etag);
            assertEquals("", given().auth().oauth2(TOKEN).header("If-None-Match", etag).get(page).then()
                    .statusCode(304).header("ETag", etag).extract().asString());

            // a weak form of the tag matches too (RFC 9110 13.1.2); a header that names no tag gets the page
            given().auth().oauth2(TOKEN).header("If-None-Match", "W/" + etag).get(page).then().statusCode(304);
            given().auth().oauth2(TOKEN).header("If-None-Match", "\"m0\", " + etag).get(page).then().statusCode(304);
            for (String other : List.of("not a tag", "\"m0\"", "\"")) {
                given().auth().oauth2(TOKEN).header("If-None-Match", other).get(page).then().statusCode(200)
                        .header("ETag", etag);
            }

            // a new message upstream, mirrored by a sync pass
            upstream.append("INBOX", raw("Third"));
            fixture.awaitPass(account, Duration.ofSeconds(60));
            assertEquals(3, list(page).getList("items").size());
            String changedTag = given().auth().oauth2(TOKEN).header("If-None-Match", etag).get(page).then()
                    .statusCode(200).extract().header("ETag");
            assertNotEquals(etag, changedTag, "the account changed");

            // a device marks a message read: the next request shows it
            String third = list(page).getList("items.findAll { it.subject == 'Third' }.id", String.class).get(0);
            given().auth().oauth2(TOKEN).contentType("application/json").body("{\"seen\":true}")
                    .patch("/api/v1/accounts/" + account + "/messages/" + third).then().statusCode(200);
            assertEquals(List.of(true), list(page).getList("items.findAll { it.subject == 'Third' }.seen"));

            // another replica commits a change: the sequence it moves is all this replica needs to see
            String second = list(page).getList("items.findAll { it.subject == 'Second' }.id", String.class).get(0);
            String before = given().auth().oauth2(TOKEN).get(page).then().statusCode(200).extract().asString();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("update message set flagged = true where id = ?")) {
                    s.setObject(1, UUID.fromString(second));
                    assertEquals(1, s.executeUpdate());
                }
                try (PreparedStatement s = c.prepareStatement(
                        "update account set change_seq = change_seq + 1 where id = ?")) {
                    s.setObject(1, account);
                    assertEquals(1, s.executeUpdate());
                }
                c.commit();
            }
            String after = given().auth().oauth2(TOKEN).get(page).then().statusCode(200).extract().asString();
            assertNotEquals(before, after);
            assertEquals(List.of(true), JsonPath.from(after).getList("items.findAll { it.subject == 'Second' }.flagged"));

            // a removed account's kept pages are not answered
            given().auth().oauth2(TOKEN).delete("/api/v1/accounts/" + account).then().statusCode(204);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().auth().oauth2(TOKEN).get(page).then().statusCode(404)
                            .contentType("application/problem+json"));
        }
    }

    private static JsonPath list(String page) {
        return given().auth().oauth2(TOKEN).get(page).then().statusCode(200).extract().jsonPath();
    }

    private double hits() {
        return registry.get("mailsync.api.page.cache").tag("result", "hit").counter().count();
    }

    private static byte[] raw(String subject) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyncFixture.message(subject, "ana@example.test", false).writeTo(out);
        return out.toByteArray();
    }
}
