package io.mailsync.gateway.interop;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.sync.SyncFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands against Dovecot (MOVE, UIDPLUS, CONDSTORE/QRESYNC): a move takes the new UID from COPYUID and
 * keeps the message id, and the CONDSTORE/QRESYNC passes that follow report nothing a second time.
 */
@QuarkusTest
class DovecotCommandsTest {

    private static final String PASSWORD = "commands-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orSkip();

    @Inject
    SyncFixture fixture;

    static RequestSpecification operator() {
        return given().auth().oauth2("test-operator-token").contentType("application/json");
    }

    @Test
    void flagsMovesAndBatchesAreWrittenThroughAndNeverReportedTwice() throws Exception {
        String user = "cmd-" + UUID.randomUUID().toString().substring(0, 8) + "@mailsync.test";
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(30));
        UUID account = fixture.createAccount(user, PASSWORD, dovecot.server().imapPort());
        fixture.awaitPass(account, DEADLINE);
        FolderEntity inbox = fixture.folder(account, "INBOX");
        FolderEntity archive = fixture.folder(account, "Archive");
        List<MessageEntity> messages = fixture.messages(inbox.id);
        assertEquals(30, messages.size());
        String base = "/api/v1/accounts/" + account + "/messages/";

        MessageEntity moved = messages.get(0);
        operator().body(Map.of("seen", true, "folderId", archive.id.toString())).patch(base + moved.id)
                .then().statusCode(200).body("id", equalTo(moved.id.toString()))
                .body("folderId", equalTo(archive.id.toString())).body("seen", equalTo(true));
        MessageEntity after = fixture.messages(archive.id).get(0);
        try (Store client = dovecot.server().imapStore(user, PASSWORD)) {
            IMAPFolder upstreamArchive = (IMAPFolder) client.getFolder("Archive");
            upstreamArchive.open(Folder.READ_ONLY);
            Message there = upstreamArchive.getMessageByUID(after.uid);
            assertTrue(there != null && there.getFlags().contains(Flags.Flag.SEEN), "the mirror holds the COPYUID UID");
            upstreamArchive.close(false);
        }

        List<String> rest = messages.subList(1, 30).stream().map(m -> m.id.toString()).toList();
        operator().body(Map.of("messageIds", rest, "addKeywords", List.of("$Label1"), "flagged", true))
                .post(base + "batch").then().statusCode(200).body("done", equalTo(29));
        operator().body(Map.of("messageIds", rest.subList(0, 10), "delete", true))
                .post(base + "batch").then().statusCode(200).body("done", equalTo(10));

        fixture.awaitPass(account, DEADLINE);
        fixture.awaitPass(account, DEADLINE);
        assertEquals(11, fixture.changes(account, "message.moved"), "one move, ten to Trash");
        assertEquals(0, fixture.changes(account, "message.destroyed"));
        assertEquals(30 + 29 + 1, fixture.changes(account, "message.created") + fixture.changes(account, "message.updated"),
                "30 created by the initial sync, 29 batch updates and the seen flag, nothing more");
        assertTrue(fixture.changeLog(account).stream().filter(e -> !e.type.equals("message.created")
                && e.type.startsWith("message.")).allMatch(e -> e.origin.equals("operator")));
        assertEquals(10, fixture.messages(fixture.folder(account, "Trash").id).size());
        assertEquals(19, fixture.messages(inbox.id).size());
    }
}
