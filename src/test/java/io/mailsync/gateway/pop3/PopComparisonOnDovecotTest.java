package io.mailsync.gateway.pop3;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.interop.DovecotServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The comparison on a Dovecot account with both IMAP and POP3 endpoints: what POP devices downloaded over
 * upstream POP3 (keyed by UIDL) is matched to the IMAP mirror's message, one row per real message.
 */
@QuarkusTest
class PopComparisonOnDovecotTest {

    @Inject
    PopFixture fixture;
    @Inject
    RegisteredTestDevices devices;
    @Inject
    PopMaildrops maildrops;

    @Test
    void popThreeDownloadsAndMirrorMessagesShowAsOneRowPerMessage() {
        DovecotServer.requireOrSkip();
        // RETR leaves \Seen alone, so that the IMAP read state below is the devices' doing only
        try (DovecotServer dovecot = DovecotServer.start(DovecotServer.Options.defaults().pop3NoFlagUpdates(true))) {
            String user = "popcmp" + UUID.randomUUID().toString().substring(0, 8);
            dovecot.addUser(user, "upstream-secret");
            dovecot.appendMessages(user, "INBOX", List.of(
                    PopFixture.message("Alpha", "a\r\n"),
                    PopFixture.message("Beta", "bb\r\n"),
                    withoutMessageId("Gamma", "Sat, 28 Nov 2026 08:30:00 +0000", "ccc\r\n")));
            UUID account = fixture.pop3Account(dovecot.imapPort(), dovecot.pop3Port(), user, "upstream-secret");
            fixture.awaitInbox(account, 3);
            devices.registerImap(account);
            PopDevice laptop = devices.registerPop(account, "laptop", ServerPolicy.KEEP).device();
            PopDevice tablet = devices.registerPop(account, "tablet",
                    new ServerPolicy(DeleteFromServer.AFTER_DOWNLOAD, null)).device();

            List<MaildropMessage> onLaptop = maildrops.refresh(laptop);
            assertEquals(3, onLaptop.size());
            onLaptop.forEach(m -> assertEquals(null, m.mirrorMessageId(), "fed from upstream POP3 by UIDL"));
            onLaptop.forEach(m -> maildrops.download(laptop, m.id()));
            MaildropMessage alpha = onLaptop.stream().filter(m -> "Alpha".equals(m.subject())).findFirst().orElseThrow();
            maildrops.update(laptop.id(), alpha.id(), true, "Archive");
            maildrops.refresh(tablet);

            String base = "/api/v1/accounts/" + account + "/comparison";
            given().auth().oauth2("test-operator-token").get(base).then().statusCode(200)
                    .body("items", hasSize(3))
                    .body("items.imap", everyItem(notNullValue()))
                    .body("summary.imapMessages", equalTo(3))
                    .body("summary.devices[0].lacking", equalTo(0))
                    .body("summary.devices[0].downloaded", equalTo(3))
                    .body("summary.devices[0].readStateDivergent", equalTo(1))
                    .body("summary.devices[0].folderDivergent", equalTo(1))
                    .body("summary.devices[1].lacking", equalTo(0))
                    .body("items.find { it.subject == 'Alpha' }.matchedBy", equalTo("message-id"))
                    .body("items.find { it.subject == 'Alpha' }.devices[0].folder", equalTo("Archive"))
                    .body("items.find { it.subject == 'Alpha' }.imap.folder", equalTo("INBOX"))
                    .body("items.find { it.subject == 'Gamma' }.matchedBy", equalTo("size-and-date"))
                    .body("items.find { it.subject == 'Gamma' }.devices[0].present", equalTo(true))
                    .body("items.find { it.subject == 'Gamma' }.devices[1].present", equalTo(true));

            // the tablet downloads Beta and its policy deletes it from the server: IMAP devices lose it
            MaildropMessage beta = maildrops.messages(tablet.id()).stream().filter(m -> "Beta".equals(m.subject()))
                    .findFirst().orElseThrow();
            maildrops.download(tablet, beta.id());
            assertEquals(1, maildrops.deleteDueFromServer(tablet));
            fixture.awaitInbox(account, 2);

            given().auth().oauth2("test-operator-token").get(base).then().statusCode(200)
                    .body("items", hasSize(3))
                    .body("summary.imapMessages", equalTo(2))
                    .body("summary.removedFromServerByPop", equalTo(1))
                    .body("summary.lostToImapDevices", equalTo(1))
                    .body("items.find { it.subject == 'Beta' }.imap", equalTo(null))
                    .body("items.find { it.subject == 'Beta' }.devices[0].present", equalTo(true))
                    .body("items.find { it.subject == 'Beta' }.devices[1].downloaded", equalTo(true))
                    .body("items.find { it.subject == 'Beta' }.devices[1].serverCopyDeleted", equalTo(true));
        }
    }

    private static byte[] withoutMessageId(String subject, String date, String body) {
        return ("From: Sender <sender@example.test>\r\n"
                + "To: someone@example.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + date + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + body).getBytes(StandardCharsets.US_ASCII);
    }
}
