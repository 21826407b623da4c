package io.mailsync.gateway.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Leave on server for N days" against a real upstream POP3 server, with the clock moved instead of waited for. */
@QuarkusTest
class RetentionExpiryTest {

    @Inject
    PopFixture fixture;
    @Inject
    RegisteredTestDevices devices;
    @Inject
    PopMaildrops maildrops;
    @Inject
    MaildropExpiry expiry;
    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void downloadedMessagesLeaveTheServerOnlyAfterTheirDays() throws Exception {
        String user = "pop-expiry-" + UUID.randomUUID().toString().substring(0, 8);
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort()});
        mail.start();
        com.icegreen.greenmail.user.GreenMailUser mailUser = mail.setUser(user + "@example.test", user, "upstream-secret");
        try {
            for (String subject : List.of("Kept", "Expiring", "Not downloaded")) {
                mailUser.deliver(GreenMailUtil.createTextEmail(user + "@example.test", "sender@example.test", subject,
                        "body of " + subject, mail.getImap().getServerSetup()));
            }
            UUID account = fixture.pop3Account(mail.getImap().getPort(), mail.getPop3().getPort(), user,
                    "upstream-secret");
            PopDevice leaving = devices.registerPop(account, "phone",
                    new ServerPolicy(DeleteFromServer.AFTER_DAYS, 7)).device();
            PopDevice keeping = devices.registerPop(account, "pc", ServerPolicy.KEEP).device();

            List<MaildropMessage> listed = maildrops.refresh(leaving);
            assertEquals(3, listed.size());
            MaildropMessage expiring = listed.stream().filter(m -> "Expiring".equals(m.subject())).findFirst().orElseThrow();
            MaildropMessage kept = listed.stream().filter(m -> "Kept".equals(m.subject())).findFirst().orElseThrow();
            maildrops.download(leaving, expiring.id());
            maildrops.refresh(keeping).forEach(m -> maildrops.download(keeping, m.id()));

            assertEquals(0, expiry.expire(), "nothing is due on the day of the download");
            clock.advance(Duration.ofDays(6));
            assertEquals(0, expiry.expire(), "nothing is due after six of seven days");
            assertEquals(3, inboxCount(mail, user));

            clock.advance(Duration.ofDays(1).plusMinutes(1));
            assertEquals(1, expiry.expire(), "the phone's download is due after seven days");
            assertEquals(2, inboxCount(mail, user));
            assertEquals(0, expiry.expire(), "an expired message is deleted once");

            assertNotNull(maildrops.message(leaving.id(), expiring.id()).orElseThrow().serverDeletedAt());
            assertNull(maildrops.message(leaving.id(), kept.id()).orElseThrow().serverDeletedAt(),
                    "what the phone never downloaded stays on the server");
            MaildropMessage pcCopy = maildrops.messages(keeping.id()).stream()
                    .filter(m -> m.upstreamUidl().equals(expiring.upstreamUidl())).findFirst().orElseThrow();
            assertNotNull(pcCopy.serverDeletedAt(), "the pc learns that the server copy is gone");
            assertEquals(3, maildrops.refresh(keeping).size(), "the pc keeps its downloaded copy");
            assertEquals(3, maildrops.refresh(leaving).size(), "the phone sees what is on the server and its own copies");
        } finally {
            mail.stop();
        }
    }

    private static int inboxCount(GreenMail mail, String user) throws Exception {
        Store store = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("pop3");
        store.connect("127.0.0.1", mail.getPop3().getPort(), user, "upstream-secret");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.getMessageCount();
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
