package io.mailsync.gateway.command;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upstream server that logs in and selects, then never answers the STORE: the command answers 504
 * after the upstream timeout, and neither the mirror nor the change log changes.
 */
@QuarkusTest
class UpstreamTimeoutTest {

    private static ServerSocket server;
    private static Thread acceptor;

    @Inject
    MirrorFixture mirror;
    @Inject
    SyncFixture fixture;

    /** Just enough IMAP for Angus to log in and select; everything else is left unanswered. */
    @BeforeAll
    static void startStallingServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread session = new Thread(() -> serve(socket), "stalling-imap");
                    session.setDaemon(true);
                    session.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "stalling-imap-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = socket.getOutputStream()) {
            write(out, "* OK [CAPABILITY IMAP4rev1 UIDPLUS MOVE] stalling server ready");
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split(" ", 3);
                String tag = parts[0];
                String command = parts.length > 1 ? parts[1].toUpperCase() : "";
                switch (command) {
                    case "CAPABILITY" -> write(out, "* CAPABILITY IMAP4rev1 UIDPLUS MOVE\r\n" + tag + " OK done");
                    case "LOGIN", "NOOP" -> write(out, tag + " OK done");
                    case "SELECT", "EXAMINE" -> write(out, "* FLAGS (\\Seen \\Flagged)\r\n* 1 EXISTS\r\n* 0 RECENT\r\n"
                            + "* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 2] ok\r\n" + tag + " OK [READ-WRITE] done");
                    case "LOGOUT" -> {
                        write(out, "* BYE bye\r\n" + tag + " OK done");
                        return;
                    }
                    default -> {
                        // UID STORE, LIST, STATUS …: never answered
                    }
                }
            }
        } catch (IOException e) {
            // the client gave up
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void aServerThatNeverAnswersGets504AndNothingChangesLocally() {
        UUID account = mirror.account("127.0.0.1", server.getLocalPort(), "stall-" + UUID.randomUUID(), "pw-secret");
        UUID inbox = mirror.folder(account, "INBOX", "inbox", 7L);
        UUID message = mirror.message(account, inbox, 1, Instant.now(), m -> { });
        given().auth().oauth2("test-operator-token").contentType("application/json").body(Map.of("seen", true))
                .patch("/api/v1/accounts/" + account + "/messages/" + message)
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", containsString("upstream-timeout"))
                .body("detail", org.hamcrest.Matchers.not(containsString("pw-secret")));
        MessageEntity after = fixture.messages(inbox).get(0);
        assertFalse(after.seen);
        assertEquals(0, fixture.changes(account, "message.updated"));
    }
}
