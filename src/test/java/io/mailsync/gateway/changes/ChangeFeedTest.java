package io.mailsync.gateway.changes;

import static io.mailsync.gateway.device.DeviceApi.as;
import static io.mailsync.gateway.device.DeviceApi.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChangeFeedTest {

    @Inject
    MirrorFixture mirror;
    @Inject
    ChangeWriter writer;
    @Inject
    ChangeRetention retention;

    private UUID account;
    private String changes;

    @Inject
    javax.sql.DataSource dataSource;

    @BeforeEach
    void account() {
        account = mirror.account("127.0.0.1", 1, "feed-" + UUID.randomUUID(), "secret");
        changes = "/api/v1/accounts/" + account + "/changes";
    }

    private static final String MINE = "items.findAll { it.type == 'message.updated' }.sequence";

    @Test
    void pagesWalkTheLogInOrderWithoutGapOrDuplicate() {
        List<Long> written = writer.append(account, 7, 0);
        List<Long> all = new ArrayList<>();
        List<Long> mine = new ArrayList<>();
        JsonPath page = operator().get(changes + "?limit=3").then().statusCode(200)
                .body("items", hasSize(3)).body("hasMore", equalTo(true))
                .body("items.find { it.type == 'message.updated' }.origin", equalTo("upstream"))
                .body("items.find { it.type == 'message.updated' }.data.seen", equalTo(true))
                .body("items.find { it.type == 'message.updated' }.objectId", notNullValue())
                .body("items.find { it.type == 'message.updated' }.folderId", notNullValue())
                .body("items.find { it.type == 'message.updated' }.createdAt", notNullValue())
                .extract().jsonPath();
        all.addAll(page.getList("items.sequence", Long.class));
        mine.addAll(page.getList(MINE, Long.class));
        while (page.getBoolean("hasMore")) {
            page = operator().get(changes + "?limit=3&since=" + page.getString("nextCursor"))
                    .then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items.sequence", Long.class));
            mine.addAll(page.getList(MINE, Long.class));
        }
        assertEquals(written, mine);
        for (int i = 1; i < all.size(); i++) {
            assertEquals(all.get(i - 1) + 1, all.get(i), "no gap and no duplicate: " + all);
        }
        String end = page.getString("nextCursor");
        operator().get(changes + "?since=" + end).then().statusCode(200)
                .body("items", hasSize(0)).body("hasMore", equalTo(false)).body("nextCursor", equalTo(end));
        List<Long> more = writer.append(account, 1, 0);
        assertEquals(more, operator().get(changes + "?since=" + end).then().statusCode(200)
                .extract().jsonPath().getList(MINE, Long.class));
    }

    @Test
    void badCursorsAndLimitsAnswer400() {
        writer.append(account, 1, 0);
        UUID other = mirror.account("127.0.0.1", 1, "feed-other-" + UUID.randomUUID(), "secret");
        String foreign = new ChangeCursor(other, 0).encode();
        operator().get(changes + "?since=" + foreign).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("since"));
        operator().get(changes + "?since=garbage").then().statusCode(400).body("errors.field", hasItem("since"));
        operator().get(changes + "?since=" + "A".repeat(32)).then().statusCode(400);
        operator().get(changes + "?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
        operator().get(changes + "?limit=501").then().statusCode(400);
        operator().get(changes + "?limit=500").then().statusCode(200);
        operator().get("/api/v1/accounts/" + UUID.randomUUID() + "/changes").then().statusCode(404);
    }

    @Test
    void cursorOlderThanTheRetainedLogAnswers410() {
        List<Long> w = writer.append(account, 5, 0);
        String fromStart = new ChangeCursor(account, 0).encode();
        String afterTwo = new ChangeCursor(account, w.get(1)).encode();
        String afterThree = new ChangeCursor(account, w.get(2)).encode();
        writer.age(account, w.get(2), Instant.now().minus(Duration.ofDays(31)));
        // only changes already on Kafka may go
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> writer.publishedThrough(account) >= w.get(4));

        assertTrue(retention.purgeOlderThan(Instant.now().minus(Duration.ofDays(30))) >= 3);

        operator().get(changes + "?since=" + fromStart).then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("https://mailsync.io/problems/cursor-expired"));
        operator().get(changes + "?since=" + afterTwo).then().statusCode(410);
        assertEquals(w.subList(3, 5), operator().get(changes + "?since=" + afterThree).then().statusCode(200)
                .extract().jsonPath().getList(MINE, Long.class));
        assertEquals(w.subList(3, 5), operator().get(changes).then().statusCode(200)
                .extract().jsonPath().getList(MINE, Long.class));

        // a later run with nothing expired keeps the horizon where it is
        retention.purgeOlderThan(Instant.now().minus(Duration.ofDays(30)));
        operator().get(changes + "?since=" + afterThree).then().statusCode(200);
    }

    @Test
    void changesThatStillWaitForKafkaOutliveTheRetention() throws Exception {
        List<Long> published = writer.append(account, 1, 0);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> writer.publishedThrough(account) >= published.get(0));
        long[] waitingLast = new long[1];
        // a relay elsewhere holds this account (as another replica's would): its next changes wait
        try (java.sql.Connection relay = dataSource.getConnection()) {
            relay.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = relay.prepareStatement(
                    "select published_seq from event_publication where account_id = ? for update")) {
                lock.setObject(1, account);
                lock.executeQuery().close();
            }
            List<Long> waiting = writer.append(account, 2, 0);
            waitingLast[0] = waiting.get(1);
            writer.age(account, waiting.get(1), Instant.now().minus(Duration.ofDays(31)));

            retention.purgeOlderThan(Instant.now().minus(Duration.ofDays(30)));

            assertEquals(waiting, operator().get(changes).then().statusCode(200)
                    .extract().jsonPath().getList(MINE, Long.class), "only the published change went");
            relay.rollback();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> writer.publishedThrough(account) >= waitingLast[0]);
    }

    @Test
    void theCursorADeviceSendsIsRememberedAsItsLastCursor() {
        writer.append(account, 4, 0);
        DeviceApi.Registered phone = DeviceApi.register(account, "phone");
        String first = as(phone.token()).get(changes + "?limit=2").then().statusCode(200)
                .extract().jsonPath().getString("nextCursor");
        as(phone.token()).get(changes + "?since=" + first).then().statusCode(200);
        operator().get("/api/v1/accounts/" + account + "/devices/" + phone.id()).then()
                .body("lastCursor", equalTo(first));
        // an older cursor sent later does not move it back
        as(phone.token()).get(changes + "?since=" + new ChangeCursor(account, 1).encode()).then().statusCode(200);
        operator().get("/api/v1/accounts/" + account + "/devices/" + phone.id()).then()
                .body("lastCursor", equalTo(first));
    }
}
