package io.mailsync.gateway.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountEntity;
import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.store.ChangeLogEntry;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.testing.GreenMailImap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sync engine against GreenMail: no CONDSTORE there, so every pass takes the UID+FLAGS diff path. */
@QuarkusTest
class GreenMailSyncTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailImap greenMail = new GreenMailImap();

    @Inject
    SyncFixture fixture;
    @Inject
    SyncEngine engine;

    private static String user() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    private UUID syncedAccount(String user, String password) {
        UUID id = fixture.createAccount(user, password, greenMail.port());
        engine.requestSync(id);
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.IDLE);
        return id;
    }


    @Test
    void initialSyncMirrorsEveryFolderAndLogsEachMessageOnce() throws Exception {
        String user = user();
        greenMail.setUser(user, user, "secret-1");
        try (Store client = SyncFixture.client(greenMail.port(), user, "secret-1")) {
            SyncFixture.append(client, "INBOX", SyncFixture.message("Hello 1", "Ann <ann@example.test>", false),
                    SyncFixture.message("会議の件", "山田 太郎 <taro@example.jp>", true),
                    SyncFixture.message("Hello 3", "bob@example.test", false));
            SyncFixture.append(client, "Sent", SyncFixture.message("Sent 1", "me@example.test", false),
                    SyncFixture.message("Sent 2", "me@example.test", false));
            SyncFixture.append(client, "Projects", SyncFixture.message("Plan", "carol@example.test", false));
            SyncFixture.append(client, "Projects.2026", SyncFixture.message("Nested", "dan@example.test", false));
        }

        UUID id = syncedAccount(user, "secret-1");

        AccountEntity account = fixture.account(id);
        assertNotNull(account.lastSuccessAt);
        assertNull(account.lastError);
        List<FolderEntity> folders = fixture.folders(id);
        assertEquals(List.of("INBOX", "Projects", "Projects.2026", "Sent"), folders.stream().map(f -> f.path).toList());
        assertEquals("inbox", fixture.folder(id, "INBOX").role);
        assertEquals("sent", fixture.folder(id, "Sent").role);
        assertNull(fixture.folder(id, "Projects.2026").role);
        assertTrue(folders.stream().allMatch(f -> f.initialSyncBelow == null && f.uidValidity != null));

        List<MessageEntity> inbox = fixture.messages(fixture.folder(id, "INBOX").id);
        assertEquals(3, inbox.size());
        MessageEntity japanese = inbox.stream().filter(m -> "会議の件".equals(m.subject)).findFirst().orElseThrow();
        assertEquals("山田 太郎", japanese.fromName);
        assertEquals("taro@example.jp", japanese.fromEmail);
        assertTrue(japanese.hasAttachments);
        assertTrue(japanese.size > 0);
        assertTrue(japanese.toJson.contains("someone@example.test"));
        assertFalse(inbox.stream().filter(m -> m != japanese).anyMatch(m -> m.hasAttachments));

        assertEquals(7, fixture.messageCount(id));
        assertEquals(7, fixture.changes(id, "message.created"));
        assertEquals(4, fixture.changes(id, "folder.created"));
        long changesBefore = fixture.changeLog(id).size();

        fixture.awaitPass(id, DEADLINE);
        fixture.awaitPass(id, DEADLINE);
        assertEquals(changesBefore, fixture.changeLog(id).size(), "passes with nothing changed log nothing");
        assertEquals(7, fixture.messageCount(id));
        assertEquals(1, fixture.changes(id, "account.updated"), "initial-sync → idle once");
    }

    @Test
    void changesByAnotherClientReachTheMirrorOnceEach() throws Exception {
        String user = user();
        greenMail.setUser(user, user, "secret-2");
        try (Store client = SyncFixture.client(greenMail.port(), user, "secret-2")) {
            SyncFixture.append(client, "INBOX", SyncFixture.message("One", "a@example.test", false),
                    SyncFixture.message("Two", "a@example.test", false),
                    SyncFixture.message("Three", "a@example.test", false));
            SyncFixture.append(client, "Old", SyncFixture.message("Kept across rename", "a@example.test", false));
            SyncFixture.append(client, "Doomed", SyncFixture.message("Goes away", "a@example.test", false));
        }
        UUID id = syncedAccount(user, "secret-2");
        UUID oldFolderId = fixture.folder(id, "Old").id;
        UUID oldMessageId = fixture.messages(oldFolderId).get(0).id;

        try (Store client = SyncFixture.client(greenMail.port(), user, "secret-2")) {
            Folder inbox = client.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] messages = inbox.getMessages();
            messages[0].setFlag(Flags.Flag.SEEN, true);
            messages[1].setFlags(new Flags("$Work"), true);
            messages[2].setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
            SyncFixture.append(client, "INBOX", SyncFixture.message("Four", "a@example.test", false));
            assertTrue(client.getFolder("Old").renameTo(client.getFolder("Renamed")));
        }
        // GreenMail's UIDVALIDITY counts seconds, so Old and Doomed may share one: a rename is only
        // recognised when unambiguous, hence the deletion comes in a later pass
        fixture.awaitPass(id, DEADLINE);
        try (Store client = SyncFixture.client(greenMail.port(), user, "secret-2")) {
            client.getFolder("Doomed").delete(true);
            client.getFolder("Fresh").create(Folder.HOLDS_MESSAGES);
        }
        fixture.awaitPass(id, DEADLINE);

        UUID inboxId = fixture.folder(id, "INBOX").id;
        List<MessageEntity> inbox = fixture.messages(inboxId);
        assertEquals(List.of("One", "Two", "Four"), inbox.stream().map(m -> m.subject).toList());
        assertTrue(inbox.get(0).seen);
        assertEquals("$Work", inbox.get(1).keywords);
        // the expunged message may also show its \\Deleted flag first if a pass ran in between
        java.util.Set<UUID> survivors = new java.util.HashSet<>(inbox.stream().map(m -> m.id).toList());
        assertEquals(2, fixture.changeLog(id).stream().filter(c -> c.type.equals("message.updated") && survivors.contains(c.objectId)).count(), "one update per changed message");
        assertTrue(fixture.changes(id, "message.updated") <= 3);
        assertEquals(1, fixture.changes(id, "message.destroyed"));
        assertEquals(6, fixture.changes(id, "message.created"), () -> fixture.changeLog(id).stream()
                .map(c -> c.type + " " + c.folderId + " " + c.data).toList().toString());

        FolderEntity renamed = fixture.folder(id, "Renamed");
        assertNotNull(renamed);
        assertEquals(oldFolderId, renamed.id, "a renamed folder keeps its id");
        assertEquals(oldMessageId, fixture.messages(renamed.id).get(0).id, "and its messages keep theirs");
        assertNull(fixture.folder(id, "Old"));
        assertNull(fixture.folder(id, "Doomed"));
        assertNotNull(fixture.folder(id, "Fresh"));
        assertEquals(1, fixture.changes(id, "folder.renamed"));
        assertEquals(1, fixture.changes(id, "folder.destroyed"));
        ChangeLogEntry rename = fixture.changeLog(id).stream().filter(c -> c.type.equals("folder.renamed"))
                .findFirst().orElseThrow();
        assertTrue(rename.data.contains("\"oldPath\":\"Old\""), rename.data);
        ChangeLogEntry update = fixture.changeLog(id).stream().filter(c -> c.type.equals("message.updated")
                && c.objectId.equals(inbox.get(0).id)).findFirst().orElseThrow();
        assertTrue(update.data.contains("\"seen\":true"), update.data);

        long changes = fixture.changeLog(id).size();
        fixture.awaitPass(id, DEADLINE);
        assertEquals(changes, fixture.changeLog(id).size(), "nothing is reported twice");
    }

    @Test
    void refusedLoginIsAuthFailedWithTheServerReasonAndNoSecret() {
        String user = user();
        greenMail.setUser(user, user, "right-password");
        UUID id = fixture.createAccount(user, "wrong-password-xyz", greenMail.port());
        engine.requestSync(id);
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.AUTH_FAILED);
        AccountEntity account = fixture.account(id);
        assertNotNull(account.lastError);
        assertFalse(account.lastError.contains("wrong-password-xyz"));
        assertEquals(1, fixture.changes(id, "account.updated"));
    }

    @Test
    void accountDeletedWhileSyncingIsDroppedAndOthersCarryOn() throws Exception {
        String doomed = user();
        greenMail.setUser(doomed, doomed, "secret-3");
        try (Store client = SyncFixture.client(greenMail.port(), doomed, "secret-3")) {
            for (int i = 0; i < 5; i++) {
                SyncFixture.append(client, "INBOX", SyncFixture.message("m" + i, "a@example.test", false));
            }
        }
        UUID doomedId = fixture.createAccount(doomed, "secret-3", greenMail.port());
        engine.requestSync(doomedId);
        fixture.deleteAccount(doomedId);
        engine.stop(doomedId);
        await().atMost(DEADLINE).until(() -> !engine.isSyncing(doomedId));
        assertEquals(0, fixture.messageCount(doomedId));

        String other = user();
        greenMail.setUser(other, other, "secret-4");
        UUID otherId = syncedAccount(other, "secret-4");
        assertEquals(AccountState.IDLE, fixture.account(otherId).state);
    }
}
