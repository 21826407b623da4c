package io.mailsync.gateway.api.changes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.changes.ChangeCursor;
import io.mailsync.gateway.changes.ChangeRetention;
import io.mailsync.gateway.changes.ChangeWriter;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.SseReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Test configuration: heartbeat every 0.5 s, a client whose writes stall for 3 s is dropped. */
@QuarkusTest
class ChangeStreamTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MirrorFixture mirror;
    @Inject
    ChangeWriter writer;
    @Inject
    ChangeStreams streams;
    @Inject
    ChangeRetention retention;

    private UUID account;
    private String stream;

    @BeforeEach
    void account() {
        account = mirror.account("127.0.0.1", 1, "stream-" + UUID.randomUUID(), "secret");
        stream = "/api/v1/accounts/" + account + "/changes/stream";
    }

    private SseReader open(String path, Map<String, String> headers) throws Exception {
        return SseReader.open(RestAssured.port, path, DeviceApi.OPERATOR, headers);
    }

    private static List<Long> sequences(SseReader reader) {
        return reader.events.stream().filter(e -> "message.updated".equals(e.name())).map(e -> {
            try {
                return JSON.readTree(e.data()).path("sequence").asLong();
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }).toList();
    }

    @Test
    void changesArriveAsEventsWithCursorIdsAndHeartbeatsFlow() throws Exception {
        try (SseReader reader = open(stream, Map.of())) {
            assertEquals(200, reader.status);
            assertTrue(reader.contentType.startsWith("text/event-stream"), reader.contentType);
            await().atMost(DEADLINE).until(() -> reader.comments.contains("stream open"));
            List<Long> written = writer.append(account, 2, 0);
            await().atMost(DEADLINE).until(() -> sequences(reader).size() >= 2);
            SseReader.Event first = reader.events.stream().filter(e -> "message.updated".equals(e.name()))
                    .findFirst().orElseThrow();
            JsonNode data = JSON.readTree(first.data());
            assertEquals(written.get(0), data.path("sequence").asLong());
            assertEquals("upstream", data.path("origin").asText());
            assertTrue(data.path("data").path("seen").asBoolean());
            assertEquals(new ChangeCursor(account, written.get(0)).encode(), first.id());
            await().atMost(DEADLINE).until(() -> reader.comments.contains("heartbeat"));
            assertEquals(written, sequences(reader));
        }
    }

    @Test
    void lastEventIdResumesWithExactlyTheMissedEvents() throws Exception {
        List<Long> w = new java.util.ArrayList<>(writer.append(account, 5, 0));
        String afterTwo = new ChangeCursor(account, w.get(1)).encode();
        try (SseReader reader = open(stream, Map.of("Last-Event-ID", afterTwo))) {
            await().atMost(DEADLINE).until(() -> sequences(reader).size() >= 3);
            w.addAll(writer.append(account, 1, 0));
            await().atMost(DEADLINE).until(() -> sequences(reader).size() >= 4);
            // a heartbeat re-reads the log: nothing may come twice
            await().atMost(DEADLINE).until(() -> reader.comments.stream().filter("heartbeat"::equals).count() >= 2);
            assertEquals(w.subList(2, 6), sequences(reader));
        }
        try (SseReader reader = open(stream + "?since=" + new ChangeCursor(account, w.get(3)).encode(), Map.of())) {
            await().atMost(DEADLINE).until(() -> sequences(reader).size() >= 2);
            await().atMost(DEADLINE).until(() -> reader.comments.contains("heartbeat"));
            assertEquals(w.subList(4, 6), sequences(reader));
        }
    }

    @Test
    void aLostSignalDelaysAStreamByOneHeartbeatAtMost() throws Exception {
        try (SseReader reader = open(stream, Map.of())) {
            await().atMost(DEADLINE).until(() -> reader.comments.contains("stream open"));
            long silent = writer.appendWithoutSignal(account);
            await().atMost(DEADLINE).until(() -> sequences(reader).contains(silent));
        }
    }

    @Test
    void deviceStreamRecordsItsCursor() throws Exception {
        List<Long> w = writer.append(account, 3, 0);
        DeviceApi.Registered phone = DeviceApi.register(account, "phone");
        String afterOne = new ChangeCursor(account, w.get(0)).encode();
        try (SseReader reader = SseReader.open(RestAssured.port, stream, phone.token(), Map.of("Last-Event-ID", afterOne))) {
            await().atMost(DEADLINE).until(() -> sequences(reader).size() >= 2);
            assertEquals(w.subList(1, 3), sequences(reader));
        }
        DeviceApi.operator().get("/api/v1/accounts/" + account + "/devices/" + phone.id())
                .then().statusCode(200).body("lastCursor", org.hamcrest.Matchers.equalTo(afterOne));
    }

    @Test
    void revokingTheDeviceEndsItsStream() throws Exception {
        DeviceApi.Registered phone = DeviceApi.register(account, "phone");
        try (SseReader reader = SseReader.open(RestAssured.port, stream, phone.token(), Map.of());
             SseReader operator = open(stream, Map.of())) {
            await().atMost(DEADLINE).until(() -> reader.comments.contains("stream open")
                    && operator.comments.contains("stream open"));
            DeviceApi.operator().delete("/api/v1/accounts/" + account + "/devices/" + phone.id()).then().statusCode(204);
            await().atMost(DEADLINE).until(reader::ended);
            assertEquals(1, streams.openStreams(account), "the operator's stream stays open");
        }
    }

    @Test
    void badAndExpiredCursorsAreProblemsNotStreams() throws Exception {
        try (SseReader reader = open(stream, Map.of("Last-Event-ID", "garbage"))) {
            assertEquals(400, reader.status);
            assertTrue(reader.contentType.startsWith("application/problem+json"), reader.contentType);
        }
        UUID other = mirror.account("127.0.0.1", 1, "stream-other-" + UUID.randomUUID(), "secret");
        try (SseReader reader = open(stream + "?since=" + new ChangeCursor(other, 0).encode(), Map.of())) {
            assertEquals(400, reader.status);
        }
        try (SseReader reader = open("/api/v1/accounts/" + UUID.randomUUID() + "/changes/stream", Map.of())) {
            assertEquals(404, reader.status);
        }
        List<Long> w = writer.append(account, 2, 0);
        writer.age(account, w.get(0), Instant.now().minus(Duration.ofDays(31)));
        // only changes already on Kafka may go
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> writer.publishedThrough(account) >= w.get(1));
        retention.purgeOlderThan(Instant.now().minus(Duration.ofDays(30)));
        try (SseReader reader = open(stream, Map.of("Last-Event-ID", new ChangeCursor(account, 0).encode()))) {
            assertEquals(410, reader.status);
            assertTrue(reader.contentType.startsWith("application/problem+json"), reader.contentType);
        }
    }

    @Test
    void closingTheStreamReleasesIt() throws Exception {
        SseReader reader = open(stream, Map.of());
        await().atMost(DEADLINE).until(() -> reader.comments.contains("stream open"));
        assertEquals(1, streams.openStreams(account));
        reader.close();
        await().atMost(DEADLINE).until(() -> streams.openStreams(account) == 0);
    }

    @Test
    void clientThatNeverReadsIsDroppedWhileAnotherKeepsReceiving() throws Exception {
        int count = 800;
        try (Socket stuck = new Socket(); SseReader healthy = open(stream, Map.of())) {
            // a tiny receive window that nobody empties: the server's writes pile up, then stall
            stuck.setReceiveBufferSize(2048);
            stuck.connect(new InetSocketAddress("127.0.0.1", RestAssured.port));
            OutputStream out = stuck.getOutputStream();
            out.write(("GET " + stream + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + DeviceApi.OPERATOR + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(DEADLINE).until(() -> streams.openStreams(account) == 2);

            for (int i = 0; i < count / 100; i++) {
                writer.append(account, 100, 7000);
            }
            await("the reading client gets every change").atMost(Duration.ofSeconds(60))
                    .until(() -> sequences(healthy).size() >= count);
            await("the stuck client is dropped").atMost(Duration.ofSeconds(60))
                    .until(() -> streams.openStreams(account) == 1);
            assertEquals(count, sequences(healthy).stream().distinct().count());
            writer.append(account, 1, 0);
            await().atMost(DEADLINE).until(() -> sequences(healthy).size() == count + 1);
        }
    }
}
