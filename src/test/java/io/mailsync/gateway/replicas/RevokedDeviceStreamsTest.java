package io.mailsync.gateway.replicas;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A device revoked through another replica loses its change streams here too: the revocation is played by
 * deleting the device's row on a connection of the test's own, as another replica's DELETE does, so no local
 * revocation signal reaches this replica's streams. Test heartbeat: 0.5 s.
 */
@QuarkusTest
class RevokedDeviceStreamsTest {

    /**
     * Heartbeats another stream may get between the revocation and the end of the phone's: the one whose check
     * ran just before the delete committed, the one that ends the phone's stream (a heartbeat checks the devices
     * first, then beats, and the two readers may see their lines in either order), and two more for a reader
     * thread that a busy machine runs late. Counted in heartbeats, not seconds, so that a slow machine, which
     * slows the heartbeats as much as the check, does not fail it.
     */
    private static final int WITHIN_A_HEARTBEAT = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    MirrorFixture mirror;
    @Inject
    ChangeStreams streams;

    @Test
    void deviceRevokedOnAnotherReplicaLosesItsStreamWithinAHeartbeatAndOthersStayOpen() throws Exception {
        UUID account = mirror.account("127.0.0.1", 1, "revoked-elsewhere-" + UUID.randomUUID(), "secret");
        String path = "/api/v1/accounts/" + account + "/changes/stream";
        DeviceApi.Registered phone = DeviceApi.register(account, "phone");
        DeviceApi.Registered pc = DeviceApi.register(account, "pc");
        try (SseReader phoneStream = SseReader.open(RestAssured.port, path, phone.token(), Map.of());
             SseReader pcStream = SseReader.open(RestAssured.port, path, pc.token(), Map.of());
             SseReader operatorStream = SseReader.open(RestAssured.port, path, DeviceApi.OPERATOR, Map.of())) {
            await().atMost(DEADLINE).until(() -> phoneStream.comments.contains("heartbeat")
                    && pcStream.comments.contains("heartbeat") && operatorStream.comments.contains("heartbeat"));
            assertEquals(3, streams.openStreams(account));

            try (Connection otherReplica = DriverManager.getConnection(
                    PostgresResource.instance().getJdbcUrl("postgres", "postgres"));
                 PreparedStatement revoke = otherReplica.prepareStatement("delete from device where id = ?")) {
                revoke.setObject(1, phone.id());
                assertEquals(1, revoke.executeUpdate());
            }
            long revoked = System.nanoTime();

            await().atMost(DEADLINE).until(phoneStream::ended);
            long beats = pcStream.commentsBetween("heartbeat", revoked, phoneStream.endedAt());
            assertTrue(beats <= WITHIN_A_HEARTBEAT, "the phone's stream ended only after " + beats
                    + " heartbeats of the others");
            int pcBeats = pcStream.comments.size();
            int operatorBeats = operatorStream.comments.size();
            await().atMost(DEADLINE).until(() -> pcStream.comments.size() > pcBeats
                    && operatorStream.comments.size() > operatorBeats);
            assertFalse(pcStream.ended(), "the other device's stream stays open");
            assertFalse(operatorStream.ended(), "the operator's stream stays open");
            assertEquals(2, streams.openStreams(account));
        }
    }
}
