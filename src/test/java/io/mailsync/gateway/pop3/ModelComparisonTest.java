package io.mailsync.gateway.pop3;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.mailsync.gateway.testing.GreenMailUpstream;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The comparison on a mixed account: an IMAP device, a keeping POP device and one that deletes after download. */
@QuarkusTest
class ModelComparisonTest {

    @Inject
    PopFixture fixture;
    @Inject
    RegisteredTestDevices devices;
    @Inject
    PopMaildrops maildrops;

    @Test
    void comparisonShowsDivergenceAndWhatPopRemovedFromImapDevices() throws Exception {
        try (GreenMailUpstream upstream = new GreenMailUpstream("pop-compare-" + UUID.randomUUID().toString().substring(0, 8))) {
            upstream.append("INBOX", PopFixture.message("Alpha", "a\r\n"));
            upstream.append("INBOX", PopFixture.message("Beta", "b\r\n"));
            upstream.append("INBOX", PopFixture.message("Gamma | pipes", "c\r\n"));
            UUID account = fixture.mirroredAccount(upstream, 3);
            devices.registerImap(account);
            PopDevice laptop = devices.registerPop(account, "laptop", ServerPolicy.KEEP).device();
            PopDevice tablet = devices.registerPop(account, "tablet",
                    new ServerPolicy(DeleteFromServer.AFTER_DOWNLOAD, null)).device();

            List<MaildropMessage> onLaptop = maildrops.refresh(laptop);
            onLaptop.forEach(m -> maildrops.download(laptop, m.id()));
            MaildropMessage alpha = onLaptop.stream().filter(m -> "Alpha".equals(m.subject())).findFirst().orElseThrow();
            maildrops.update(laptop.id(), alpha.id(), true, "Archive");
            MaildropMessage beta = maildrops.refresh(tablet).stream().filter(m -> "Beta".equals(m.subject()))
                    .findFirst().orElseThrow();
            maildrops.download(tablet, beta.id());
            maildrops.deleteDueFromServer(tablet);
            fixture.awaitInbox(account, 2);

            String base = "/api/v1/accounts/" + account + "/comparison";
            given().auth().oauth2("test-operator-token").get(base).then().statusCode(200)
                    .body("items", hasSize(3))
                    .body("devices.name", equalTo(List.of("laptop", "tablet")))
                    .body("summary.removedFromServerByPop", equalTo(1))
                    .body("summary.lostToImapDevices", equalTo(1))
                    .body("summary.imapMessages", equalTo(2))
                    .body("summary.devices[0].readStateDivergent", equalTo(1))
                    .body("summary.devices[0].folderDivergent", equalTo(1))
                    .body("summary.devices[0].downloaded", equalTo(3))
                    .body("summary.devices[0].lacking", equalTo(0))
                    .body("summary.devices[1].downloaded", equalTo(1))
                    .body("items.find { it.subject == 'Beta' }.imap", equalTo(null))
                    .body("items.find { it.subject == 'Beta' }.devices[0].present", equalTo(true))
                    .body("items.find { it.subject == 'Beta' }.devices[0].serverCopyDeleted", equalTo(true))
                    .body("items.find { it.subject == 'Alpha' }.imap.folder", equalTo("INBOX"))
                    .body("items.find { it.subject == 'Alpha' }.imap.seen", equalTo(false))
                    .body("items.find { it.subject == 'Alpha' }.devices[0].folder", equalTo("Archive"))
                    .body("warning", notNullValue());

            given().auth().oauth2("test-operator-token").accept("text/markdown").get(base).then().statusCode(200)
                    .contentType(containsString("text/markdown"))
                    .body(containsString("| Message | IMAP (folder, read, flagged) | laptop (POP, NEVER) | tablet (POP, AFTER_DOWNLOAD) |"))
                    .body(containsString("| Beta | gone from the server | downloaded, unread, INBOX, server copy deleted |"))
                    .body(containsString("Gamma \\| pipes"))
                    .body(containsString("removed from the server by POP: 1, of which lost to IMAP devices: 1"))
                    .body(containsString("**Warning:**"));

            given().auth().oauth2("test-operator-token").get(base + "?limit=0").then().statusCode(400)
                    .contentType(containsString("application/problem+json"));
            given().auth().oauth2("test-operator-token").get("/api/v1/accounts/" + UUID.randomUUID() + "/comparison")
                    .then().statusCode(404).contentType(containsString("application/problem+json"));
        }
    }
}
