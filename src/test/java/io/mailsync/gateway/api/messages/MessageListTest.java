package io.mailsync.gateway.api.messages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.MirrorOnlyProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lists of folders and messages, read from mirror rows such as the sync engine writes. */
@QuarkusTest
@TestProfile(MirrorOnlyProfile.class)
class MessageListTest {

    /** One mirrored message as the test wrote it. */
    record Row(UUID id, UUID folderId, Instant receivedAt, boolean seen, boolean flagged) {
    }

    private static UUID account;
    private static UUID otherAccount;
    private static UUID inbox;
    private static UUID archive;
    private static UUID otherFolder;
    private static final List<Row> ROWS = new ArrayList<>();

    @Inject
    MirrorFixture mirror;

    @BeforeEach
    void mirrorOnce() {
        if (account != null) {
            return;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // port 1: nothing upstream is needed for lists
        account = mirror.account("127.0.0.1", 1, "lists-" + suffix, "secret");
        inbox = mirror.folder(account, "INBOX", "inbox", 7L);
        archive = mirror.folder(account, "Archive", "archive", 8L);
        mirror.folder(account, "Projects.東京", null, 9L);
        Instant base = Instant.parse("2026-01-05T09:00:00.123456Z");
        for (int i = 1; i <= 130; i++) {
            UUID folder = i <= 100 ? inbox : archive;
            // three messages share each arrival time: the id breaks the tie
            Instant at = i == 130 ? base.plus(50, ChronoUnit.MINUTES) : base.plus(i / 3, ChronoUnit.MINUTES);
            boolean seen = i % 2 == 0;
            boolean flagged = i % 5 == 0;
            long uid = i;
            UUID id = mirror.message(account, folder, uid, at, m -> {
                m.seen = seen;
                m.flagged = flagged;
                m.keywords = uid % 7 == 0 ? "$Important work" : "";
                m.toJson = "[{\"name\":\"山田 花子\",\"email\":\"hanako@example.jp\"}]";
                if (uid == 42) {
                    m.subject = "50% off: the_answer";
                }
            });
            ROWS.add(new Row(id, folder, at, seen, flagged));
        }
        otherAccount = mirror.account("127.0.0.1", 1, "lists-other-" + suffix, "secret");
        otherFolder = mirror.folder(otherAccount, "INBOX", "inbox", 1L);
        mirror.message(otherAccount, otherFolder, 1, base, m -> m.subject = "someone else's");
    }

    private static RequestSpecification api() {
        return given().auth().oauth2("test-operator-token");
    }

    private static List<UUID> expected(Predicate<Row> filter) {
        // the API's order: arrival time descending, then id descending as PostgreSQL compares uuids
        return ROWS.stream().filter(filter)
                .sorted(Comparator.comparing(Row::receivedAt).thenComparing(r -> r.id().toString()).reversed())
                .map(Row::id).toList();
    }

    private static List<UUID> walk(String query, int limit) {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            String url = "/api/v1/accounts/" + account + "/messages?limit=" + limit + query
                    + (cursor == null ? "" : "&cursor=" + cursor);
            JsonPath body = api().get(url).then().statusCode(200).extract().jsonPath();
            List<String> items = body.getList("items.id");
            assertTrue(items.size() <= limit, "page larger than the limit");
            items.forEach(id -> ids.add(UUID.fromString(id)));
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                return ids;
            }
        }
        throw new AssertionError("pagination did not end");
    }

    @Test
    void foldersComeWithRoleAndCountsInboxFirst() {
        api().get("/api/v1/accounts/" + account + "/folders").then().statusCode(200)
                .body("items", hasSize(3))
                .body("nextCursor", nullValue())
                .body("items[0].id", equalTo(inbox.toString()))
                .body("items[0].role", equalTo("inbox"))
                .body("items[0].total", equalTo(100))
                .body("items[0].unread", equalTo(50))
                .body("items[1].path", equalTo("Archive"))
                .body("items[1].role", equalTo("archive"))
                .body("items[1].total", equalTo(30))
                .body("items[1].unread", equalTo(15))
                .body("items[2].path", equalTo("Projects.東京"))
                .body("items[2].name", equalTo("東京"))
                .body("items[2].role", nullValue())
                .body("items[2].total", equalTo(0))
                .body("items[2].unread", equalTo(0));
    }

    @Test
    void pagesCoverEveryMessageOnceNewestFirst() {
        List<UUID> ids = walk("", 7);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a message appeared twice");
        assertEquals(expected(r -> true), ids);
    }

    @Test
    void pagesOfOneFolderWithFiltersKeepTheOrder() {
        assertEquals(expected(r -> r.folderId().equals(archive)), walk("&folderId=" + archive, 4));
        assertEquals(expected(r -> r.folderId().equals(inbox) && !r.seen()), walk("&folderId=" + inbox + "&unread=true", 9));
        assertEquals(expected(r -> r.flagged() && r.seen()), walk("&flagged=true&unread=false", 5));
        assertEquals(expected(r -> !r.flagged()), walk("&flagged=false", 200));
    }

    @Test
    void summaryCarriesTheWireShape() {
        Row newest = ROWS.stream().filter(r -> r.id().equals(expected(r2 -> true).get(0))).findFirst().orElseThrow();
        api().header("X-Request-Id", "list-shape-1").get("/api/v1/accounts/" + account + "/messages?limit=1")
                .then().statusCode(200)
                .contentType("application/json")
                .header("X-Request-Id", "list-shape-1")
                .header("Content-Length", org.hamcrest.Matchers.notNullValue())
                .header("Transfer-Encoding", org.hamcrest.Matchers.nullValue())
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(newest.id().toString()))
                .body("items[0].folderId", equalTo(archive.toString()))
                .body("items[0].subject", equalTo("Message 130"))
                .body("items[0].from.name", equalTo("Sender 130"))
                .body("items[0].from.email", equalTo("sender130@example.test"))
                .body("items[0].to[0].name", equalTo("山田 花子"))
                .body("items[0].to[0].email", equalTo("hanako@example.jp"))
                .body("items[0].date", equalTo("2026-01-05T09:50:00.123456Z"))
                .body("items[0].seen", equalTo(true))
                .body("items[0].flagged", equalTo(true))
                .body("items[0].keywords", hasSize(0))
                .body("items[0].size", equalTo(1130))
                .body("items[0].hasAttachments", equalTo(false));
        // a page far larger than the output buffer still goes out in one piece, with its length
        int length = Integer.parseInt(api().get("/api/v1/accounts/" + account + "/messages?limit=200").then()
                .statusCode(200).contentType("application/json")
                .header("Transfer-Encoding", org.hamcrest.Matchers.nullValue())
                .extract().header("Content-Length"));
        assertTrue(length > 16 * 1024, "a page of 130 messages, " + length + " bytes");
        api().queryParam("q", "50% off").get("/api/v1/accounts/" + account + "/messages").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].subject", equalTo("50% off: the_answer"));
    }

    @Test
    void defaultPageIsFiftyAndTheLimitIsBounded() {
        api().get("/api/v1/accounts/" + account + "/messages").then().statusCode(200).body("items", hasSize(50));
        api().get("/api/v1/accounts/" + account + "/messages?limit=200").then().statusCode(200)
                .body("items", hasSize(130)).body("nextCursor", nullValue());
        for (String bad : List.of("0", "201", "-1", "abc", "1e3", "99999999999")) {
            api().get("/api/v1/accounts/" + account + "/messages?limit=" + bad).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("limit"));
        }
    }

    @Test
    void aCursorNotGivenOutByTheApiIsRefused() {
        String valid = api().get("/api/v1/accounts/" + account + "/messages?limit=2").then().statusCode(200)
                .extract().jsonPath().getString("nextCursor");
        for (String bad : List.of("abc", "!!!!", valid.substring(0, valid.length() - 2), valid + "AA", "AAAA")) {
            api().get("/api/v1/accounts/" + account + "/messages?cursor=" + bad).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void badFiltersAreRefusedWithTheirField() {
        api().get("/api/v1/accounts/" + account + "/messages?unread=yes").then().statusCode(400)
                .body("errors[0].field", equalTo("unread"));
        api().get("/api/v1/accounts/" + account + "/messages?flagged=1").then().statusCode(400)
                .body("errors[0].field", equalTo("flagged"));
        api().get("/api/v1/accounts/" + account + "/messages?q=" + "x".repeat(201)).then().statusCode(400)
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void unknownOrForeignIdsAnswer404() {
        api().get("/api/v1/accounts/" + account + "/messages?folderId=" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("folder not found"));
        api().get("/api/v1/accounts/" + account + "/messages?folderId=" + otherFolder).then().statusCode(404);
        api().get("/api/v1/accounts/" + account + "/messages?folderId=not-a-uuid").then().statusCode(404);
        api().get("/api/v1/accounts/" + UUID.randomUUID() + "/messages").then().statusCode(404)
                .body("detail", equalTo("account not found"));
        api().get("/api/v1/accounts/" + UUID.randomUUID() + "/folders").then().statusCode(404);
        api().get("/api/v1/accounts/12345/folders").then().statusCode(404);
        Set<String> others = new HashSet<>(api().get("/api/v1/accounts/" + otherAccount + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items.subject"));
        assertEquals(Set.of("someone else's"), others);
    }

    @Test
    void listsNeedAToken() {
        given().get("/api/v1/accounts/" + account + "/messages").then().statusCode(401);
        given().get("/api/v1/accounts/" + account + "/folders").then().statusCode(401);
    }
}
