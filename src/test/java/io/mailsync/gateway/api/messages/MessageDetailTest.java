package io.mailsync.gateway.api.messages;

import static io.mailsync.gateway.testing.MailSamples.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.MailSamples;
import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.MirrorOnlyProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message details, raw messages and attachments fetched on demand from a real IMAP server
 * (GreenMail), with mirror rows such as the sync engine writes.
 */
@QuarkusTest
@TestProfile(MirrorOnlyProfile.class)
class MessageDetailTest {

    private static GreenMailUpstream upstream;
    private static UUID account;
    private static UUID inbox;
    private static final Map<String, UUID> IDS = new HashMap<>();
    private static final Map<String, byte[]> RAW = new HashMap<>();

    @Inject
    MirrorFixture mirror;
    @Inject
    io.mailsync.gateway.upstream.imap.ImapReadConnections connections;

    @BeforeEach
    void upstreamOnce() throws Exception {
        if (upstream != null) {
            return;
        }
        String user = "detail-" + UUID.randomUUID().toString().substring(0, 8);
        upstream = new GreenMailUpstream(user);
        account = mirror.account("127.0.0.1", upstream.port(), user, upstream.password);
        Map<String, byte[]> samples = new java.util.LinkedHashMap<>();
        samples.put("iso2022jp", iso2022jpPlain());
        samples.put("sjis8bit", shiftJis8bit());
        samples.put("sjisBase64", shiftJisBase64());
        samples.put("eucjp", eucJp());
        samples.put("qpHtml", quotedPrintableHtml());
        samples.put("mixed", mixedWithAttachments());
        samples.put("noText", noTextPart());
        samples.put("expunged", noTextPart());
        long uidValidity = 0;
        Instant at = Instant.parse("2026-01-07T00:00:00Z");
        Map<String, Long> uids = new HashMap<>();
        for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
            GreenMailUpstream.Appended appended = upstream.append("INBOX", sample.getValue());
            uidValidity = appended.uidValidity();
            uids.put(sample.getKey(), appended.uid());
            RAW.put(sample.getKey(), sample.getValue());
        }
        inbox = mirror.folder(account, "INBOX", "inbox", uidValidity);
        for (Map.Entry<String, Long> uid : uids.entrySet()) {
            IDS.put(uid.getKey(), mirror.message(account, inbox, uid.getValue(), at, m -> {
                m.subject = "as mirrored";
                m.keywords = "$Work";
            }));
        }
        upstream.expunge("INBOX", uids.get("expunged"));
    }

    @AfterAll
    static void stopUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static RequestSpecification api() {
        return given().auth().oauth2("test-operator-token");
    }

    private static String url(String sample) {
        return "/api/v1/accounts/" + account + "/messages/" + IDS.get(sample);
    }

    @Test
    void iso2022jpSubjectSenderAndBodyAreDecoded() {
        api().get(url("iso2022jp")).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(IDS.get("iso2022jp").toString()))
                .body("folderId", equalTo(inbox.toString()))
                .body("subject", equalTo(ISO2022JP_SUBJECT))
                .body("from.name", equalTo("山田 太郎"))
                .body("from.email", equalTo("yamada@example.jp"))
                .body("to[0].name", equalTo("佐藤 花子"))
                .body("date", equalTo("2026-01-05T01:00:00Z"))
                .body("keywords", equalTo(java.util.List.of("$Work")))
                .body("textBodyTruncated", equalTo(false))
                .body("htmlBody", nullValue())
                .body("attachments", hasSize(0))
                .body("headers.find { it.name == 'Subject' }.value", equalTo(ISO2022JP_SUBJECT))
                .body("headers.find { it.name == 'Message-ID' }.value", equalTo("<iso2022jp@example.jp>"));
        assertTextBody("iso2022jp", ISO2022JP_BODY);
    }

    @Test
    void shiftJisBodiesAndUtf8EncodedWordsAreDecoded() {
        api().get(url("sjis8bit")).then().statusCode(200)
                .body("subject", equalTo("お見積りの件"))
                .body("from.name", equalTo("鈴木 一郎"));
        assertTextBody("sjis8bit", SJIS_BODY);
        api().get(url("sjisBase64")).then().statusCode(200)
                .body("subject", equalTo("ご確認ください"))
                .body("from.name", equalTo("François Müller"));
        assertTextBody("sjisBase64", SJIS_BODY);
        api().get(url("eucjp")).then().statusCode(200)
                .body("subject", equalTo("住所"));
        assertTextBody("eucjp", EUCJP_BODY);
    }

    /** GreenMail drops the final line break of a single-part body section; Dovecot keeps it. */
    private static void assertTextBody(String sample, String expected) {
        String text = api().get(url(sample)).then().statusCode(200).extract().jsonPath().getString("textBody");
        org.junit.jupiter.api.Assertions.assertEquals(expected.stripTrailing(), text.stripTrailing(), sample);
    }

    @Test
    void quotedPrintableHtmlIsDecoded() {
        api().get(url("qpHtml")).then().statusCode(200)
                .body("textBody", nullValue())
                .body("htmlBody", equalTo(HTML_BODY))
                .body("attachments", hasSize(0));
    }

    @Test
    void mixedMessageShowsBothBodiesAndListsAttachmentsWithDecodedNames() {
        api().get(url("mixed")).then().statusCode(200)
                .body("subject", equalTo("見積書と請求書の送付"))
                .body("from.name", equalTo("経理部"))
                .body("to", hasSize(2))
                .body("to[1].name", equalTo("José"))
                .body("cc[0].name", equalTo("部長"))
                .body("cc[0].email", equalTo("bucho@example.jp"))
                .body("textBody", equalTo(PLAIN_ALTERNATIVE))
                .body("htmlBody", containsString("résumé 😀 <img src=\"cid:logo@example\">"))
                .body("hasAttachments", equalTo(true))
                .body("attachments", hasSize(3))
                .body("attachments[0].id", equalTo("1.2"))
                .body("attachments[0].contentType", equalTo("image/png"))
                .body("attachments[0].inline", equalTo(true))
                .body("attachments[0].contentId", equalTo("logo@example"))
                .body("attachments[0].filename", equalTo("attachment-1.2.png"))
                .body("attachments[1].id", equalTo("2"))
                .body("attachments[1].filename", equalTo(PDF_NAME_2231))
                .body("attachments[1].contentType", equalTo("application/pdf"))
                .body("attachments[1].inline", equalTo(false))
                .body("attachments[2].id", equalTo("3"))
                .body("attachments[2].filename", equalTo(PDF_NAME_2047));
    }

    @Test
    void messageWithoutTextPartHasNoBodies() {
        api().get(url("noText")).then().statusCode(200)
                .body("textBody", nullValue())
                .body("htmlBody", nullValue())
                .body("attachments", hasSize(1))
                .body("attachments[0].id", equalTo("1"))
                .body("attachments[0].filename", equalTo("scan.pdf"));
    }

    @Test
    void attachmentDownloadsCarryTypeBytesAndASafeFileName() {
        byte[] first = api().get(url("mixed") + "/attachments/2").then().statusCode(200)
                .contentType("application/pdf")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", equalTo("attachment; filename=\"___ 2026__.pdf\"; "
                        + "filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8%202026%E5%B9%B4%E5%BA%A6.pdf"))
                .extract().asByteArray();
        assertArrayEquals(MailSamples.PDF, first);
        byte[] second = api().get(url("mixed") + "/attachments/3").then().statusCode(200)
                .header("Content-Disposition", containsString("filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf"))
                .extract().asByteArray();
        assertArrayEquals(MailSamples.PDF, second);
        assertArrayEquals(MailSamples.PDF, api().get(url("noText") + "/attachments/1").then().statusCode(200)
                .extract().asByteArray());
    }

    @Test
    void unknownAttachmentIdsAnswer404() {
        for (String id : new String[] {"9", "1", "1.1", "0", "abc", "1..2", "2.1", "99999999"}) {
            api().get(url("mixed") + "/attachments/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void rawDownloadIsByteForByteWhatWasAppended() {
        for (String sample : new String[] {"iso2022jp", "sjis8bit", "mixed"}) {
            byte[] raw = api().get(url(sample) + "/raw").then().statusCode(200)
                    .contentType("message/rfc822")
                    .header("Content-Disposition", containsString(".eml"))
                    .extract().asByteArray();
            assertArrayEquals(RAW.get(sample), raw, sample);
        }
    }

    @Test
    void unchangedMessageAnswers304ToItsETag() {
        String etag = api().get(url("eucjp")).then().statusCode(200).extract().header("ETag");
        api().header("If-None-Match", etag).get(url("eucjp")).then().statusCode(304);
        api().header("If-None-Match", "\"something-else\"").get(url("eucjp")).then().statusCode(200);
    }

    @Test
    void unknownForeignOrMalformedMessageIdsAnswer404() {
        UUID other = mirror.account("127.0.0.1", upstream.port(), "detail-other-" + UUID.randomUUID(), "x");
        String base = "/api/v1/accounts/" + account + "/messages/";
        api().get(base + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("message not found"));
        api().get(base + "not-a-uuid").then().statusCode(404);
        api().get(base + "not-a-uuid/raw").then().statusCode(404);
        api().get(base + UUID.randomUUID() + "/attachments/1").then().statusCode(404);
        api().get("/api/v1/accounts/" + other + "/messages/" + IDS.get("mixed")).then().statusCode(404);
        api().get("/api/v1/accounts/" + other + "/messages/" + IDS.get("mixed") + "/raw").then().statusCode(404);
        given().get(url("mixed")).then().statusCode(401);
    }

    @Test
    void messageExpungedUpstreamAnswers404() {
        api().get(url("expunged")).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("gone upstream"));
        api().get(url("expunged") + "/raw").then().statusCode(404);
    }

    @Test
    void folderResetUpstreamAnswers409() {
        UUID resetAccount = mirror.account("127.0.0.1", upstream.port(), upstream.username + "-reset",
                upstream.password);
        // same upstream login under another account row is refused by the unique key: use a new folder row
        UUID folder = mirror.folder(account, "INBOX.stale", null, 1L);
        mirror.setUidValidity(folder, 1L);
        UUID id = mirror.message(account, folder, 1, Instant.now(), m -> { });
        try {
            upstream.append("INBOX.stale", MailSamples.eucJp());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        api().get("/api/v1/accounts/" + account + "/messages/" + id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("UIDVALIDITY"));
        api().get("/api/v1/accounts/" + resetAccount + "/messages/" + id).then().statusCode(404);
    }

    @Test
    void unreachableUpstreamAnswers502WithoutSecrets() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        UUID lost = mirror.account("127.0.0.1", closedPort, "detail-lost-" + UUID.randomUUID(), "hunter2-secret");
        UUID folder = mirror.folder(lost, "INBOX", "inbox", 1L);
        UUID id = mirror.message(lost, folder, 1, Instant.now(), m -> { });
        String base = "/api/v1/accounts/" + lost + "/messages/" + id;
        for (String path : new String[] {base, base + "/raw", base + "/attachments/1"}) {
            api().get(path).then().statusCode(502)
                    .contentType("application/problem+json")
                    .body("status", equalTo(502))
                    .body("detail", containsString("connection refused"))
                    .body(not(containsString("hunter2")));
        }
        // the mirror still answers lists while upstream is down
        api().get("/api/v1/accounts/" + lost + "/messages").then().statusCode(200)
                .body("items.id", hasItem(id.toString()));
    }

    @Test
    void downloadsWithoutABodyGiveTheirUpstreamConnectionBack() {
        // more HEAD requests than the account's read slots: a slot kept by any of them would starve the GET
        for (int i = 0; i < 5; i++) {
            api().head(url("mixed") + "/attachments/2").then().statusCode(200);
            api().head(url("iso2022jp") + "/raw").then().statusCode(200);
        }
        assertArrayEquals(MailSamples.PDF, api().get(url("mixed") + "/attachments/2").then().statusCode(200)
                .extract().asByteArray());
    }

    @Test
    void readsReuseTheAccountsUpstreamConnection() {
        for (int i = 0; i < 4; i++) {
            api().get(url("eucjp")).then().statusCode(200);
        }
        org.junit.jupiter.api.Assertions.assertEquals(1, connections.idleCount(account),
                "sequential reads share one kept connection");
    }
}
