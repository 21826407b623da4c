package io.mailsync.gateway.replicas;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mailsync.gateway.api.changes.ChangeStreams;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.PostgresResource;
import io.mailsync.gateway.testing.SseReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An account removed through another replica loses its change streams here too, the operator's included: the
 * removal is played by deleting the account's row on a connection of the test's own, as another replica's
 * DELETE does, so no local removal signal reaches this replica's streams. Test heartbeat: 0.5 s.
 */
@QuarkusTest
class RemovedAccountStreamsTest {

    /** One heartbeat and the check's query, with room for a busy machine. */
    private static final Duration WITHIN_A_HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    MirrorFixture mirror;
    @Inject
    ChangeStreams streams;

    private static String streamPath(UUID account) {
        return "/api/v1/accounts/" + account + "/changes/stream";
    }

    @Test
    void accountRemovedOnAnotherReplicaLosesAllItsStreamsWithinAHeartbeatAndOtherAccountsKeepTheirs()
            throws Exception {
        UUID removed = mirror.account("127.0.0.1", 1, "removed-elsewhere-" + UUID.randomUUID(), "secret");
        UUID kept = mirror.account("127.0.0.1", 1, "kept-" + UUID.randomUUID(), "secret");
        DeviceApi.Registered phone = DeviceApi.register(removed, "phone");
        try (SseReader operatorStream = SseReader.open(RestAssured.port, streamPath(removed), DeviceApi.OPERATOR,
                     Map.of());
             SseReader phoneStream = SseReader.open(RestAssured.port, streamPath(removed), phone.token(), Map.of());
             SseReader otherAccountStream = SseReader.open(RestAssured.port, streamPath(kept), DeviceApi.OPERATOR,
                     Map.of())) {
            await().atMost(DEADLINE).until(() -> operatorStream.comments.contains("heartbeat")
                    && phoneStream.comments.contains("heartbeat")
                    && otherAccountStream.comments.contains("heartbeat"));
            assertEquals(2, streams.openStreams(removed));

            try (Connection otherReplica = DriverManager.getConnection(
                    PostgresResource.instance().getJdbcUrl("postgres", "postgres"));
                 PreparedStatement remove = otherReplica.prepareStatement("delete from account where id = ?")) {
                remove.setObject(1, removed);
                assertEquals(1, remove.executeUpdate());
            }

            await().atMost(WITHIN_A_HEARTBEAT).until(() -> operatorStream.ended() && phoneStream.ended());
            assertEquals(0, streams.openStreams(removed));
            int beats = otherAccountStream.comments.size();
            await().atMost(DEADLINE).until(() -> otherAccountStream.comments.size() > beats);
            assertFalse(otherAccountStream.ended(), "another account's stream stays open");
            assertEquals(1, streams.openStreams(kept));
        }
    }
}
