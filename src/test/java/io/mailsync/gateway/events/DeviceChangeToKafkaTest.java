package io.mailsync.gateway.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailImap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A device's change travels the whole way to a Kafka consumer: PATCH through the REST API, written to the
 * upstream server (GreenMail), recorded with the device as origin, published once; the sync pass that later
 * sees the same flag upstream adds no second event.
 */
@QuarkusTest
class DeviceChangeToKafkaTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailImap greenMail = new GreenMailImap();

    @Inject
    SyncFixture fixture;

    @Test
    void aMessageMarkedReadOnAPhoneReachesKafkaOnceWithThePhoneAsOrigin() throws Exception {
        int port = greenMail.port();
        String user = "k" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        greenMail.setUser(user, user, "secret");
        try (Store client = SyncFixture.client(port, user, "secret")) {
            SyncFixture.append(client, "INBOX", SyncFixture.message("Quarterly figures", "ann@example.test", false));
        }
        UUID accountId = fixture.createAccount(user, "secret", port);
        fixture.awaitPass(accountId, DEADLINE);
        await().atMost(DEADLINE).until(() -> fixture.account(accountId).state == AccountState.IDLE);
        MessageEntity message = fixture.messages(fixture.folder(accountId, "INBOX").id).get(0);
        DeviceApi.Registered phone = DeviceApi.register(accountId, "phone");

        given().auth().oauth2(phone.token()).contentType("application/json").body(Map.of("seen", true))
                .patch("/api/v1/accounts/" + accountId + "/messages/" + message.id)
                .then().statusCode(200);
        // a full sync pass after the command: it sees \Seen upstream and must not report it again (a pass that
        // was already running when the command went out may end after it, having read the server before it)
        fixture.awaitPass(accountId, DEADLINE);

        try (TopicReader reader = new TopicReader(Set.of(accountId))) {
            List<TopicReader.Received> updates = reader.awaitUntil(DEADLINE, all -> all.stream()
                    .anyMatch(r -> isUpdateOf(r, message.id))).stream()
                    .filter(r -> isUpdateOf(r, message.id)).toList();
            TopicReader.Received event = updates.get(0);
            assertEquals(accountId.toString(), event.key());
            assertEquals("io.mailsync.message.updated", event.event().path("type").asText());
            assertEquals("device:" + phone.id(), event.event().path("data").path("origin").asText());
            assertTrue(event.event().path("data").path("data").path("seen").asBoolean());
            // everything the account recorded is on the topic by now: still exactly one update of the message
            long last = fixture.changeLog(accountId).stream().mapToLong(e -> e.key.seq()).max().orElseThrow();
            List<TopicReader.Received> all = reader.awaitUntil(DEADLINE,
                    received -> received.stream().anyMatch(r -> r.sequence() == last));
            assertEquals(1, all.stream().filter(r -> isUpdateOf(r, message.id)).count(), "one event for one change");
        }
    }

    private static boolean isUpdateOf(TopicReader.Received record, UUID messageId) {
        return "io.mailsync.message.updated".equals(record.event().path("type").asText())
                && messageId.toString().equals(record.event().path("subject").asText());
    }
}
