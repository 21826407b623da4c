package io.mailsync.gateway.pop3.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.pop3.PopFixture;
import io.mailsync.gateway.pop3.RegisteredTestDevices;
import io.mailsync.gateway.pop3.ServerPolicy;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.Pop3Client;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The POP3 listener over a raw socket: RFC 1939 answers, byte-stuffing, and every way a client can misbehave. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pop3ListenerTest {

    @Inject
    Pop3Listener listener;
    @Inject
    PopFixture fixture;
    @Inject
    RegisteredTestDevices devices;

    private GreenMailUpstream upstream;
    private UUID account;

    @BeforeAll
    void mirrorAnAccount() throws Exception {
        upstream = new GreenMailUpstream("pop-listener-" + UUID.randomUUID().toString().substring(0, 8));
        upstream.append("INBOX", PopFixture.message("First", "hello\r\n"));
        upstream.append("INBOX", PopFixture.message("Dotted", PopFixture.DOTTED_BODY));
        upstream.append("INBOX", PopFixture.message("Third", "bye\r\n"));
        account = fixture.mirroredAccount(upstream, 3);
    }

    @AfterAll
    void stopUpstream() {
        upstream.close();
    }

    private RegisteredTestDevices.Registered keepingDevice() {
        return devices.registerPop(account, "laptop", ServerPolicy.KEEP);
    }

    @Test
    void greetsAndListsCapabilitiesBeforeLogin() throws IOException {
        try (Pop3Client client = new Pop3Client(listener.port())) {
            assertTrue(client.greeting.startsWith("+OK"), client.greeting);
            assertTrue(client.command("CAPA").startsWith("+OK"));
            List<String> capabilities = client.multiLine();
            assertTrue(capabilities.containsAll(List.of("USER", "TOP", "UIDL", "RESP-CODES")), capabilities.toString());
        }
    }

    @Test
    void commandsInTheWrongStateAndUnknownCommandsAnswerErr() throws IOException {
        RegisteredTestDevices.Registered device = keepingDevice();
        try (Pop3Client client = new Pop3Client(listener.port())) {
            assertTrue(client.command("STAT").startsWith("-ERR"));
            assertTrue(client.command("RETR 1").startsWith("-ERR"));
            assertTrue(client.command("PASS " + device.token()).startsWith("-ERR"), "PASS before USER");
            assertTrue(client.command("XYZZY").startsWith("-ERR unknown"));
            assertTrue(client.command("").startsWith("-ERR"));
            client.login(device);
            assertTrue(client.command("USER " + device.id()).startsWith("-ERR"), "USER after login");
            assertTrue(client.command("RETR 0").startsWith("-ERR"));
            assertTrue(client.command("RETR 99").startsWith("-ERR no such message"));
            assertTrue(client.command("RETR one").startsWith("-ERR"));
            assertTrue(client.command("TOP 1").startsWith("-ERR"));
            assertTrue(client.command("NOOP").startsWith("+OK"), "the session is still usable");
        }
    }

    @Test
    void overlongLineIsRefusedAndTheSessionGoesOn() throws IOException {
        try (Pop3Client client = new Pop3Client(listener.port())) {
            byte[] huge = ("USER " + "x".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            client.sendRaw(huge);
            assertEquals("-ERR line too long", client.readLine());
            assertTrue(client.command("CAPA").startsWith("+OK"));
            client.multiLine();
            client.sendRaw("NOOP\0\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(client.readLine().startsWith("-ERR"), "NUL in a command");
        }
    }

    @Test
    void failedLoginsAnswerErrAndTheThirdClosesTheSession() throws IOException {
        RegisteredTestDevices.Registered device = keepingDevice();
        try (Pop3Client client = new Pop3Client(listener.port())) {
            client.command("USER " + device.id());
            assertTrue(client.command("PASS wrong-token").startsWith("-ERR [AUTH]"));
            client.command("USER not-a-device-id");
            assertTrue(client.command("PASS " + device.token()).startsWith("-ERR [AUTH]"),
                    "a token is bound to its own device");
            client.command("USER " + UUID.randomUUID());
            assertTrue(client.command("PASS " + device.token()).startsWith("-ERR [AUTH]"));
            assertNull(client.readLine(), "the third failure closes the connection");
        }
        try (Pop3Client client = new Pop3Client(listener.port())) {
            client.login(device);
        }
    }

    @Test
    void listsRetrievesWithByteStuffingAndDeletesOnlyAtQuit() throws IOException {
        RegisteredTestDevices.Registered device = keepingDevice();
        try (Pop3Client client = new Pop3Client(listener.port())) {
            client.command("USER " + device.id());
            assertTrue(client.command("PASS " + device.token()).startsWith("+OK 3 messages"));
            String stat = client.command("STAT");
            assertTrue(stat.matches("\\+OK 3 [0-9]+"), stat);
            assertTrue(client.command("LIST").startsWith("+OK"));
            assertEquals(3, client.multiLine().size());
            assertTrue(client.command("UIDL").startsWith("+OK"));
            List<String> uidls = client.multiLine();
            assertEquals(3, uidls.size());
            assertTrue(uidls.get(1).matches("2 [0-9a-f]{32}"), uidls.get(1));

            int dotted = numberOf(client, "Subject: Dotted");
            String retr = client.command("RETR " + dotted);
            assertTrue(retr.startsWith("+OK"), retr);
            List<String> lines = client.multiLine();
            assertTrue(lines.contains("Subject: Dotted"));
            int body = lines.indexOf("");
            assertEquals(List.of("first line", "..starts with a dot", "...two dots", "..", "last line"),
                    lines.subList(body + 1, lines.size()));

            assertTrue(client.command("TOP " + dotted + " 0").startsWith("+OK"));
            List<String> top = client.multiLine();
            assertEquals("", top.get(top.size() - 1), "headers and the blank line only");
            assertTrue(top.contains("Subject: Dotted"));
            assertTrue(client.command("TOP " + dotted + " 2").startsWith("+OK"));
            List<String> top2 = client.multiLine();
            assertEquals(List.of("first line", "..starts with a dot"), top2.subList(top2.indexOf("") + 1, top2.size()));

            assertTrue(client.command("DELE 1").startsWith("+OK"));
            assertTrue(client.command("DELE 1").startsWith("-ERR"));
            assertTrue(client.command("RETR 1").startsWith("-ERR"));
            assertTrue(client.command("STAT").startsWith("+OK 2 "));
            assertTrue(client.command("RSET").startsWith("+OK"));
            assertTrue(client.command("STAT").startsWith("+OK 3 "));
            assertTrue(client.command("DELE 3").startsWith("+OK"));
            // the connection drops without QUIT: nothing is deleted
        }
        try (Pop3Client client = new Pop3Client(listener.port())) {
            client.command("USER " + device.id());
            assertTrue(client.command("PASS " + device.token()).startsWith("+OK 3 messages"));
            assertTrue(client.command("DELE 1").startsWith("+OK"));
            assertTrue(client.command("QUIT").startsWith("+OK"));
        }
        try (Pop3Client client = new Pop3Client(listener.port())) {
            client.command("USER " + device.id());
            assertTrue(client.command("PASS " + device.token()).startsWith("+OK 2 messages"));
            client.command("QUIT");
        }
        assertEquals(3, fixture.inboxTotal(account), "a keeping device's DELE never reaches the server");
    }

    /** The number of the message with this header line, found with TOP n 0. */
    private static int numberOf(Pop3Client client, String header) throws IOException {
        for (int n = 1; n <= 3; n++) {
            client.command("TOP " + n + " 0");
            if (client.multiLine().contains(header)) {
                return n;
            }
        }
        throw new AssertionError("no message has " + header);
    }

    @Test
    void oneDeviceHasOneSessionAtATime() throws IOException {
        RegisteredTestDevices.Registered device = keepingDevice();
        try (Pop3Client first = new Pop3Client(listener.port());
                Pop3Client second = new Pop3Client(listener.port())) {
            first.login(device);
            second.command("USER " + device.id());
            assertTrue(second.command("PASS " + device.token()).startsWith("-ERR [IN-USE]"));
        }
    }

    @Test
    void sessionsBeyondTheLimitAreRefused() throws IOException {
        // a session an earlier test closed ends on its own thread a moment later: until then it holds a place
        await("earlier sessions are over").atMost(Duration.ofSeconds(30)).until(() -> listener.openSessions() == 0);
        List<Pop3Client> clients = new ArrayList<>();
        try {
            // the test configuration allows 4 sessions at once
            for (int i = 0; i < 4; i++) {
                Pop3Client client = new Pop3Client(listener.port());
                clients.add(client);
                assertTrue(client.greeting.startsWith("+OK"), client.greeting);
            }
            try (Pop3Client fifth = new Pop3Client(listener.port())) {
                assertTrue(fifth.greeting.startsWith("-ERR [SYS/TEMP]"), fifth.greeting);
                assertNull(fifth.readLine());
            }
        } finally {
            for (Pop3Client client : clients) {
                client.close();
            }
        }
        await("a closed session frees its place").atMost(Duration.ofSeconds(30)).until(() -> {
            try (Pop3Client again = new Pop3Client(listener.port())) {
                return again.greeting.startsWith("+OK");
            }
        });
    }

    @Test
    void idleSessionIsClosed() throws IOException {
        try (Pop3Client client = new Pop3Client(listener.port())) {
            // the test configuration closes sessions idle for 3 s; the client reads with a 15 s deadline
            String last = client.readLine();
            assertTrue(last.startsWith("-ERR"), last);
            assertNull(client.readLine());
            assertFalse(last.isEmpty());
        }
    }
}
