package io.mailsync.gateway.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.pop3.server.Pop3Listener;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.Pop3Client;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two POP devices and the IMAP mirror on one IMAP-only account: each POP device keeps its own state,
 * and only a policy that deletes from the server reaches the others.
 */
@QuarkusTest
class PopDevicesIndependenceTest {

    @Inject
    Pop3Listener listener;
    @Inject
    PopFixture fixture;
    @Inject
    RegisteredTestDevices devices;
    @Inject
    PopMaildrops maildrops;

    @Test
    void popDevicesKeepTheirOwnStateAndOnlyServerDeletionReachesOthers() throws Exception {
        try (GreenMailUpstream upstream = new GreenMailUpstream("pop-indep-" + UUID.randomUUID().toString().substring(0, 8))) {
            upstream.append("INBOX", PopFixture.message("One", "1\r\n"));
            upstream.append("INBOX", PopFixture.message("Two", "2\r\n"));
            upstream.append("INBOX", PopFixture.message("Three", "3\r\n"));
            UUID account = fixture.mirroredAccount(upstream, 3);
            RegisteredTestDevices.Registered laptop = devices.registerPop(account, "laptop", ServerPolicy.KEEP);
            RegisteredTestDevices.Registered tablet = devices.registerPop(account, "tablet",
                    new ServerPolicy(DeleteFromServer.AFTER_DOWNLOAD, null));

            // the laptop downloads everything and deletes one message from its own maildrop
            try (Pop3Client client = new Pop3Client(listener.port())) {
                client.login(laptop);
                for (int n = 1; n <= 3; n++) {
                    assertTrue(client.command("RETR " + n).startsWith("+OK"));
                    client.multiLine();
                }
                assertTrue(client.command("DELE 1").startsWith("+OK"));
                assertTrue(client.command("QUIT").startsWith("+OK"));
            }
            assertEquals(2, maildrops.messages(laptop.id()).size());
            UUID archived = maildrops.messages(laptop.id()).get(0).id();
            assertTrue(maildrops.update(laptop.id(), archived, true, "Archive").isPresent());
            assertEquals("Archive", maildrops.message(laptop.id(), archived).orElseThrow().folder());

            // the tablet still sees all three; the server and the IMAP mirror are untouched
            assertEquals(3, fixture.inboxTotal(account));
            try (Pop3Client client = new Pop3Client(listener.port())) {
                client.command("USER " + tablet.id());
                assertTrue(client.command("PASS " + tablet.token()).startsWith("+OK 3 messages"));
                // the tablet downloads its second message, the laptop's first remaining one; its policy deletes it from the server at QUIT
                assertTrue(client.command("RETR 2").startsWith("+OK"));
                client.multiLine();
                assertTrue(client.command("QUIT").startsWith("+OK"));
            }
            List<MaildropMessage> tabletRows = maildrops.messages(tablet.id());
            MaildropMessage taken = tabletRows.stream().filter(MaildropMessage::downloaded).findFirst().orElseThrow();
            assertEquals(tabletRows.get(1).id(), taken.id(), tabletRows.toString());
            assertNotNull(taken.serverDeletedAt(), "the tablet's policy deleted its download from the server: " + tabletRows);
            fixture.awaitInbox(account, 2);

            // the laptop downloaded that message before: its copy, read state and folder are its own
            MaildropMessage laptopCopy = maildrops.messages(laptop.id()).stream()
                    .filter(m -> m.mirrorMessageId().equals(taken.mirrorMessageId())).findFirst().orElseThrow();
            assertNotNull(laptopCopy.serverDeletedAt(), laptopCopy + " / " + maildrops.allOfAccount(account));
            assertTrue(laptopCopy.seen());
            assertEquals("Archive", laptopCopy.folder());
            assertTrue(new String(maildrops.download(laptops(laptop), laptopCopy.id()),
                    java.nio.charset.StandardCharsets.US_ASCII).contains("Subject: " + taken.subject()));
            try (Pop3Client client = new Pop3Client(listener.port())) {
                client.command("USER " + laptop.id());
                assertTrue(client.command("PASS " + laptop.token()).startsWith("+OK 2 messages"),
                        "the laptop keeps its downloaded copy of what the tablet removed from the server");
                client.command("QUIT");
            }
            // the tablet's seen/folder state never changed the laptop's or the server's
            List<MaildropMessage> tabletView = maildrops.messages(tablet.id());
            assertTrue(tabletView.stream().noneMatch(MaildropMessage::seen));
            assertNull(maildrops.messages(tablet.id()).get(0).serverDeletedAt());
        }
    }

    private static PopDevice laptops(RegisteredTestDevices.Registered laptop) {
        return laptop.device();
    }
}
