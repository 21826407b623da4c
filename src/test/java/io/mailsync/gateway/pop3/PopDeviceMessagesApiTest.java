package io.mailsync.gateway.pop3;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.testing.GreenMailUpstream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The ordinary message endpoints under a POP device's token answer from that device's maildrop, in the
 * same wire shapes; its changes stay on it: the IMAP mirror, the upstream server and the other devices
 * keep their state.
 */
@QuarkusTest
class PopDeviceMessagesApiTest {

    private static final String OPERATOR = "test-operator-token";

    @Inject
    PopFixture fixture;
    @Inject
    RegisteredTestDevices devices;

    @Test
    void popDeviceReadsAndChangesOnlyItsOwnMaildropThroughTheMessageEndpoints() throws Exception {
        try (GreenMailUpstream upstream = new GreenMailUpstream("pop-msg-" + UUID.randomUUID().toString().substring(0, 8))) {
            long uidOne = upstream.append("INBOX", PopFixture.message("One", "first body\r\n")).uid();
            long uidTwo = upstream.append("INBOX", PopFixture.message("Two", "second body\r\n")).uid();
            long uidThree = upstream.append("INBOX", PopFixture.message("Three", "third body\r\n")).uid();
            upstream.append("Receipts", PopFixture.message("Old receipt", "r\r\n"));
            UUID account = fixture.mirroredAccount(upstream, 3);
            String accountPath = "/api/v1/accounts/" + account;
            Awaitility.await("the Receipts folder is mirrored").atMost(Duration.ofSeconds(60))
                    .until(() -> given().auth().oauth2(OPERATOR).get(accountPath + "/folders").then().extract()
                            .jsonPath().getList("items.path").contains("Receipts"));
            String imap = devices.registerImapWithToken(account);
            RegisteredTestDevices.Registered phone = devices.registerPop(account, "pop phone", ServerPolicy.KEEP);
            RegisteredTestDevices.Registered laptop = devices.registerPop(account, "pop laptop", ServerPolicy.KEEP);

            // the POP device's folders: the account's names and ids, with its own counts
            JsonPath folders = given().auth().oauth2(phone.token()).get(accountPath + "/folders").then()
                    .statusCode(200).extract().jsonPath();
            String inboxId = folders.getString("items.find { it.role == 'inbox' }.id");
            String receiptsId = folders.getString("items.find { it.path == 'Receipts' }.id");
            assertEquals(0, folders.getInt("items.find { it.path == 'Receipts' }.total"));

            // its list is its maildrop: new ids, the same wire shape, the same cursor pagination
            List<String> mirrorIds = given().auth().oauth2(OPERATOR).get(accountPath + "/messages").then()
                    .statusCode(200).extract().jsonPath().getList("items.id");
            JsonPath page1 = given().auth().oauth2(phone.token()).queryParam("limit", 2).get(accountPath + "/messages")
                    .then().statusCode(200)
                    .body("items", hasSize(2))
                    .body("items.folderId", everyItem(equalTo(inboxId)))
                    .body("items.seen", everyItem(equalTo(false)))
                    .body("items[0].keywords", hasSize(0))
                    .body("nextCursor", notNullValue()).extract().jsonPath();
            JsonPath page2 = given().auth().oauth2(phone.token()).queryParam("limit", 2)
                    .queryParam("cursor", page1.getString("nextCursor")).get(accountPath + "/messages").then()
                    .statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue()).extract().jsonPath();
            List<String> paged = new java.util.ArrayList<>(page1.getList("items.subject"));
            paged.addAll(page2.getList("items.subject"));
            assertEquals(java.util.Set.of("One", "Two", "Three"), java.util.Set.copyOf(paged));
            assertEquals(3, paged.size());
            JsonPath all = given().auth().oauth2(phone.token()).get(accountPath + "/messages").then()
                    .statusCode(200).body("items", hasSize(3)).extract().jsonPath();
            List<String> popIds = all.getList("items.id");
            popIds.forEach(id -> assertFalse(mirrorIds.contains(id), "maildrop ids are the device's own"));
            String one = all.getString("items.find { it.subject == 'One' }.id");
            String two = all.getString("items.find { it.subject == 'Two' }.id");
            String three = all.getString("items.find { it.subject == 'Three' }.id");

            // PATCH: read, flagged and filed on this device only
            String etag = given().auth().oauth2(phone.token()).contentType(ContentType.JSON)
                    .body(Map.of("seen", true, "flagged", true, "folderId", receiptsId))
                    .patch(accountPath + "/messages/" + one).then().statusCode(200)
                    .body("id", equalTo(one)).body("seen", equalTo(true)).body("flagged", equalTo(true))
                    .body("folderId", equalTo(receiptsId)).header("ETag", notNullValue()).extract().header("ETag");
            given().auth().oauth2(phone.token()).queryParam("folderId", receiptsId).get(accountPath + "/messages")
                    .then().statusCode(200).body("items.id", equalTo(List.of(one)));
            given().auth().oauth2(phone.token()).queryParam("flagged", "true").get(accountPath + "/messages")
                    .then().statusCode(200).body("items.id", equalTo(List.of(one)));
            given().auth().oauth2(phone.token()).queryParam("unread", "true").queryParam("q", "tw")
                    .get(accountPath + "/messages").then().statusCode(200).body("items.id", equalTo(List.of(two)));
            given().auth().oauth2(phone.token()).get(accountPath + "/folders").then().statusCode(200)
                    .body("items.find { it.path == 'Receipts' }.total", equalTo(1))
                    .body("items.find { it.path == 'Receipts' }.unread", equalTo(0))
                    .body("items.find { it.role == 'inbox' }.total", equalTo(2));
            given().auth().oauth2(phone.token()).get(accountPath + "/folders/" + receiptsId).then().statusCode(200)
                    .body("total", equalTo(1)).body("unread", equalTo(0)).header("ETag", notNullValue());
            given().auth().oauth2(OPERATOR).get(accountPath + "/folders/" + receiptsId).then().statusCode(200)
                    .body("total", equalTo(1)).body("unread", equalTo(1));
            // a stale If-Match is refused, a current one accepted
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON).header("If-Match", "\"pop-000000\"")
                    .body(Map.of("seen", false)).patch(accountPath + "/messages/" + one).then().statusCode(412)
                    .contentType(containsString("application/problem+json"));
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("flagged", true)).patch(accountPath + "/messages/" + one).then().statusCode(200);

            // the IMAP mirror, the upstream server and the other devices are unchanged
            given().auth().oauth2(OPERATOR).get(accountPath + "/messages").then().statusCode(200)
                    .body("items.seen", everyItem(equalTo(false))).body("items.flagged", everyItem(equalTo(false)));
            given().auth().oauth2(OPERATOR).get(accountPath + "/folders").then().statusCode(200)
                    .body("items.find { it.role == 'inbox' }.unread", equalTo(3))
                    .body("items.find { it.path == 'Receipts' }.total", equalTo(1));
            for (long uid : List.of(uidOne, uidTwo, uidThree)) {
                Flags flags = upstream.flags("INBOX", uid);
                assertFalse(flags.contains(Flags.Flag.SEEN), "upstream \\Seen untouched");
                assertFalse(flags.contains(Flags.Flag.FLAGGED), "upstream \\Flagged untouched");
            }
            given().auth().oauth2(imap).get(accountPath + "/messages").then().statusCode(200)
                    .body("items.id", equalTo(mirrorIds))
                    .body("items.seen", everyItem(equalTo(false))).body("items.flagged", everyItem(equalTo(false)));
            given().auth().oauth2(laptop.token()).get(accountPath + "/messages").then().statusCode(200)
                    .body("items", hasSize(3)).body("items.seen", everyItem(equalTo(false)))
                    .body("items.flagged", everyItem(equalTo(false))).body("items.folderId", everyItem(equalTo(inboxId)));

            // bad input: problem+json, nothing changed
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON)
                    .body(Map.of("seen", false, "keywords", List.of("$Work")))
                    .patch(accountPath + "/messages/" + one).then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("keywords"));
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON)
                    .body(Map.of("seen", false, "folderId", UUID.randomUUID().toString()))
                    .patch(accountPath + "/messages/" + one).then().statusCode(404)
                    .contentType(containsString("application/problem+json"));
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON).body(Map.of("seen", false))
                    .patch(accountPath + "/messages/" + mirrorIds.get(0)).then().statusCode(404)
                    .contentType(containsString("application/problem+json"));
            given().auth().oauth2(phone.token()).queryParam("cursor", "not-a-cursor").get(accountPath + "/messages")
                    .then().statusCode(400).contentType(containsString("application/problem+json"));
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON).body("{\"seen\":")
                    .patch(accountPath + "/messages/" + one).then().statusCode(400)
                    .contentType(containsString("application/problem+json"));
            given().auth().oauth2(phone.token()).get(accountPath + "/messages/" + one).then().statusCode(200)
                    .body("seen", equalTo(true)).body("folderId", equalTo(receiptsId));
            // the account's folders are not the POP device's to change
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON).body(Map.of("name", "Mine"))
                    .post(accountPath + "/folders").then().statusCode(409)
                    .contentType(containsString("application/problem+json"));

            // detail and raw download come from the device's copy
            given().auth().oauth2(phone.token()).get(accountPath + "/messages/" + two).then().statusCode(200)
                    .body("subject", equalTo("Two")).body("textBody", containsString("second body"))
                    .body("from.email", equalTo("sender@example.test")).header("ETag", notNullValue());
            given().auth().oauth2(phone.token()).get(accountPath + "/messages/" + two + "/raw").then().statusCode(200)
                    .contentType(containsString("message/rfc822")).body(containsString("Subject: Two"));

            // DELETE with a keep policy: gone from this device only, never from the server
            given().auth().oauth2(phone.token()).delete(accountPath + "/messages/" + two).then().statusCode(204);
            given().auth().oauth2(phone.token()).get(accountPath + "/messages").then().statusCode(200)
                    .body("items.id", containsInAnyOrder(three, one)).body("items", hasSize(2));
            given().auth().oauth2(phone.token()).delete(accountPath + "/messages/" + two).then().statusCode(404)
                    .contentType(containsString("application/problem+json"));
            assertEquals(3, upstream.count("INBOX"));
            assertFalse(upstream.flags("INBOX", uidTwo).contains(Flags.Flag.DELETED));
            given().auth().oauth2(OPERATOR).get(accountPath + "/folders").then().statusCode(200)
                    .body("items.find { it.role == 'inbox' }.total", equalTo(3));
            given().auth().oauth2(laptop.token()).get(accountPath + "/messages").then().statusCode(200)
                    .body("items", hasSize(3));

            // batch: the same, many at once
            given().auth().oauth2(phone.token()).contentType(ContentType.JSON)
                    .body(Map.of("messageIds", List.of(three, UUID.randomUUID().toString()), "seen", true))
                    .post(accountPath + "/messages/batch").then().statusCode(200)
                    .body("done", equalTo(1)).body("notFound", equalTo(1)).body("items[0].status", equalTo("done"));
            given().auth().oauth2(phone.token()).get(accountPath + "/messages").then().statusCode(200)
                    .body("items.seen", everyItem(equalTo(true)));
            assertTrue(given().auth().oauth2(imap).get(accountPath + "/messages").then().extract().jsonPath()
                    .getList("items.seen", Boolean.class).stream().noneMatch(Boolean::booleanValue));
        }
    }
}
