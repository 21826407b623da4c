package io.mailsync.gateway.api.messages;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.MailSamples;
import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read API on what the real sync engine mirrored from GreenMail, not on hand-written rows. */
@QuarkusTest
class ReadAfterSyncTest {

    @Inject
    MirrorFixture mirror;

    private static RequestSpecification api() {
        return given().auth().oauth2("test-operator-token");
    }

    @Test
    void syncedMailboxIsListedAndReadDecoded() throws Exception {
        String user = "synced-" + UUID.randomUUID().toString().substring(0, 8);
        try (GreenMailUpstream upstream = new GreenMailUpstream(user)) {
            upstream.append("INBOX", MailSamples.iso2022jpPlain());
            upstream.append("INBOX", MailSamples.mixedWithAttachments());
            upstream.append("INBOX", MailSamples.shiftJis8bit());
            UUID account = mirror.account("127.0.0.1", upstream.port(), user, upstream.password);
            String base = "/api/v1/accounts/" + account;

            await("the sync engine mirrors INBOX").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        List<Map<String, Object>> folders = api().get(base + "/folders").then().statusCode(200)
                                .extract().jsonPath().getList("items");
                        return folders.stream().anyMatch(f -> "INBOX".equals(f.get("path"))
                                && ((Number) f.get("total")).intValue() == 3);
                    });
            api().get(base + "/folders").then().body("items.find { it.path == 'INBOX' }.role", equalTo("inbox"))
                    .body("items.find { it.path == 'INBOX' }.unread", equalTo(3));

            JsonPath list = api().get(base + "/messages?limit=2").then().statusCode(200)
                    .body("items", hasSize(2)).extract().jsonPath();
            JsonPath rest = api().get(base + "/messages?limit=2&cursor=" + list.getString("nextCursor"))
                    .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", equalTo(null))
                    .extract().jsonPath();
            List<Map<String, Object>> all = new java.util.ArrayList<>(list.getList("items"));
            all.addAll(rest.getList("items"));

            String mixed = idWithSubject(all, "見積書と請求書の送付");
            String japanese = idWithSubject(all, MailSamples.ISO2022JP_SUBJECT);
            api().get(base + "/messages/" + japanese).then().statusCode(200)
                    .body("from.name", equalTo("山田 太郎"))
                    .body("textBody", containsString("①資料をご準備ください。"));
            api().get(base + "/messages/" + mixed).then().statusCode(200)
                    .body("attachments.filename", equalTo(
                            List.of("attachment-1.2.png", MailSamples.PDF_NAME_2231, MailSamples.PDF_NAME_2047)));
            byte[] pdf = api().get(base + "/messages/" + mixed + "/attachments/2").then().statusCode(200)
                    .extract().asByteArray();
            assertArrayEquals(MailSamples.PDF, pdf);
        }
    }

    private static String idWithSubject(List<Map<String, Object>> items, String subject) {
        List<Object> ids = items.stream().filter(m -> subject.equals(m.get("subject"))).map(m -> m.get("id")).toList();
        assertEquals(1, ids.size(), "one message with subject " + subject + " in " + items);
        return (String) ids.get(0);
    }
}
