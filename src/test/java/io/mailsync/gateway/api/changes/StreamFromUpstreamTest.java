package io.mailsync.gateway.api.changes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.changes.ChangeCursor;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.MailSamples;
import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.SseReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Mail arriving upstream reaches a device's live stream through the real sync engine, and its feed too. */
@QuarkusTest
class StreamFromUpstreamTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MirrorFixture mirror;

    private static List<JsonNode> created(SseReader reader) {
        return reader.events.stream().filter(e -> "message.created".equals(e.name())).map(e -> {
            try {
                return JSON.readTree(e.data());
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }).toList();
    }

    @Test
    void newUpstreamMailReachesTheDeviceStreamAndFeed() throws Exception {
        String user = "upstream-stream-" + UUID.randomUUID().toString().substring(0, 8);
        try (GreenMailUpstream upstream = new GreenMailUpstream(user)) {
            upstream.append("INBOX", MailSamples.iso2022jpPlain());
            UUID account = mirror.account("127.0.0.1", upstream.port(), user, upstream.password);
            DeviceApi.Registered phone = DeviceApi.register(account, "phone");
            String changes = "/api/v1/accounts/" + account + "/changes";
            String fromStart = new ChangeCursor(account, 0).encode();

            try (SseReader reader = SseReader.open(RestAssured.port, changes + "/stream", phone.token(),
                    Map.of("Last-Event-ID", fromStart))) {
                assertEquals(200, reader.status);
                await("the first message, synced").atMost(DEADLINE).until(() -> created(reader).size() >= 1);
                upstream.append("INBOX", MailSamples.mixedWithAttachments());
                await("the second message, live").atMost(DEADLINE).until(() -> created(reader).size() >= 2);
                List<JsonNode> events = created(reader);
                assertEquals(2, events.stream().map(e -> e.path("objectId").asText()).distinct().count());
                assertTrue(events.get(0).path("sequence").asLong() < events.get(1).path("sequence").asLong());

                List<String> feed = DeviceApi.as(phone.token()).get(changes + "?since=" + fromStart)
                        .then().statusCode(200).extract().jsonPath()
                        .getList("items.findAll { it.type == 'message.created' }.objectId", String.class);
                assertEquals(events.stream().map(e -> e.path("objectId").asText()).toList(), feed);
            }
        }
    }
}
