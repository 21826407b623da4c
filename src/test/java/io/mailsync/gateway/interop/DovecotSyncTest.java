package io.mailsync.gateway.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountEntity;
import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.sync.FolderStatus;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.SyncEngine;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.sync.UpstreamConnector;
import io.mailsync.gateway.sync.UpstreamMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sync engine against a private Dovecot: CONDSTORE/QRESYNC, the same with QRESYNC hidden, and the
 * fallback with both hidden; UIDVALIDITY changes, folder renames, a broken folder, dropped connections.
 */
@QuarkusTest
class DovecotSyncTest {

    private static final String PASSWORD = "s3cret-sync";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final AtomicInteger USERS = new AtomicInteger();

    @RegisterExtension
    static final PrivateDovecot full = PrivateDovecot.orSkip();
    @RegisterExtension
    static final PrivateDovecot condstoreOnly =
            PrivateDovecot.orSkip(DovecotServer.Options.defaults().hideCapabilities("QRESYNC"));
    @RegisterExtension
    static final PrivateDovecot plain =
            PrivateDovecot.orSkip(DovecotServer.Options.defaults().hideCapabilities("CONDSTORE", "QRESYNC"));

    @Inject
    SyncFixture fixture;
    @Inject
    SyncEngine engine;
    @Inject
    UpstreamConnector connector;

    private static String newUser(DovecotServer server) {
        String user = "sync" + USERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6)
                + "@mailsync.test";
        server.addUser(user, PASSWORD);
        return user;
    }

    private UUID account(DovecotServer server, String user) {
        UUID id = fixture.createAccount(user, PASSWORD, server.imapPort());
        engine.requestSync(id);
        return id;
    }

    private UUID syncedAccount(DovecotServer server, String user) {
        UUID id = account(server, user);
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.IDLE);
        return id;
    }


    private static Status status(DovecotServer server, String user, String path) throws Exception {
        try (Store store = server.imapStore(user, PASSWORD)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(path);
            return (Status) folder.doCommand(p -> p.status(path, new String[] {"MESSAGES", "HIGHESTMODSEQ"}));
        }
    }

    @Test
    void initialSyncTakesRolesFromSpecialUseAndReadsTheQuota() throws Exception {
        String user = newUser(full.server());
        full.server().appendMessages(user, "INBOX", TestMessages.simple(120));
        full.server().appendMessages(user, "Projects/2026", TestMessages.simple(3));
        UUID id = syncedAccount(full.server(), user);

        Map<String, String> roles = fixture.folders(id).stream()
                .collect(Collectors.toMap(f -> f.path, f -> String.valueOf(f.role)));
        assertEquals("inbox", roles.get("INBOX"));
        assertEquals("sent", roles.get("Sent"));
        assertEquals("drafts", roles.get("Drafts"));
        assertEquals("trash", roles.get("Trash"));
        assertEquals("junk", roles.get("Junk"));
        assertEquals("null", roles.get("Projects/2026"));
        FolderEntity inbox = fixture.folder(id, "INBOX");
        List<MessageEntity> messages = fixture.messages(inbox.id);
        assertEquals(120, messages.size());
        assertEquals(120, new HashSet<>(messages.stream().map(m -> m.uid).toList()).size());
        assertTrue(messages.stream().allMatch(m -> m.subject != null && m.fromEmail != null && m.messageIdHeader != null));
        assertEquals(123, fixture.changes(id, "message.created"));
        assertEquals(status(full.server(), user, "INBOX").highestmodseq, inbox.highestModseq);
        AccountEntity account = fixture.account(id);
        assertNotNull(account.quotaLimitKib, "Dovecot reports QUOTA");
        assertEquals(123, account.progressTotal);
        assertEquals(123, account.progressSynced);
    }

    @Test
    void qresyncPicksUpFlagsExpungesAndNewMail() throws Exception {
        incrementalScenario(full.server(), true);
    }

    @Test
    void condstoreWithoutQresyncPicksUpFlagsExpungesAndNewMail() throws Exception {
        incrementalScenario(condstoreOnly.server(), true);
    }

    @Test
    void fallbackDiffWithoutCondstorePicksUpFlagsExpungesAndNewMail() throws Exception {
        incrementalScenario(plain.server(), false);
    }

    private void incrementalScenario(DovecotServer server, boolean modseq) throws Exception {
        String user = newUser(server);
        server.appendMessages(user, "INBOX", TestMessages.simple(10));
        UUID id = syncedAccount(server, user);
        UUID inboxId = fixture.folder(id, "INBOX").id;
        assertEquals(10, fixture.messages(inboxId).size());
        long before = fixture.changeLog(id).size();

        try (Store client = server.imapStore(user, PASSWORD)) {
            Folder inbox = client.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] messages = inbox.getMessages();
            messages[0].setFlag(Flags.Flag.SEEN, true);
            messages[1].setFlags(new Flags("$Work"), true);
            messages[2].setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        }
        server.appendMessages(user, "INBOX", TestMessages.simple(2));
        fixture.awaitPass(id, DEADLINE);

        List<MessageEntity> rows = fixture.messages(inboxId);
        assertEquals(11, rows.size());
        assertTrue(rows.get(0).seen);
        assertEquals("$Work", rows.get(1).keywords);
        // the expunged message may also show its \\Deleted flag first if a pass ran in between
        java.util.Set<UUID> survivors = new java.util.HashSet<>(rows.stream().map(m -> m.id).toList());
        assertEquals(2, fixture.changeLog(id).stream().filter(c -> c.type.equals("message.updated") && survivors.contains(c.objectId)).count(), "one update per changed message");
        assertTrue(fixture.changes(id, "message.updated") <= 3);
        assertEquals(1, fixture.changes(id, "message.destroyed"));
        assertEquals(12, fixture.changes(id, "message.created"));
        assertTrue(fixture.changeLog(id).size() - before >= 5 && fixture.changeLog(id).size() - before <= 6);
        FolderEntity folder = fixture.folder(id, "INBOX");
        if (modseq) {
            assertEquals(status(server, user, "INBOX").highestmodseq, folder.highestModseq);
        } else {
            assertNull(folder.highestModseq);
        }

        long after = fixture.changeLog(id).size();
        fixture.awaitPass(id, DEADLINE);
        assertEquals(after, fixture.changeLog(id).size(), "a pass with nothing changed logs nothing");
    }

    @Test
    void uidValidityChangeIsOneResetNotOneChangePerMessage() throws Exception {
        String user = newUser(full.server());
        full.server().appendMessages(user, "INBOX", TestMessages.simple(30));
        UUID id = syncedAccount(full.server(), user);
        FolderEntity before = fixture.folder(id, "INBOX");
        List<UUID> oldIds = fixture.messages(before.id).stream().map(m -> m.id).toList();

        long validity = full.server().changeUidValidity(user, "INBOX");
        await().atMost(DEADLINE).until(() -> fixture.changes(id, "folder.reset") == 1
                && fixture.folder(id, "INBOX").initialSyncBelow == null
                && fixture.messages(before.id).size() == 30);
        fixture.awaitPass(id, DEADLINE);

        FolderEntity after = fixture.folder(id, "INBOX");
        assertEquals(before.id, after.id, "the folder keeps its id");
        assertEquals(validity, after.uidValidity);
        assertEquals(1, fixture.changes(id, "folder.reset"));
        assertEquals(0, fixture.changes(id, "message.destroyed"));
        List<MessageEntity> rows = fixture.messages(after.id);
        assertEquals(30, rows.size());
        assertTrue(rows.stream().noneMatch(m -> oldIds.contains(m.id)), "old ids are void after a reset");
    }

    @Test
    void folderRenamedAndDeletedUpstream() throws Exception {
        String user = newUser(full.server());
        full.server().appendMessages(user, "Projects", TestMessages.simple(4));
        full.server().appendMessages(user, "Old", TestMessages.simple(2));
        UUID id = syncedAccount(full.server(), user);
        UUID projectsId = fixture.folder(id, "Projects").id;
        List<UUID> messageIds = fixture.messages(projectsId).stream().map(m -> m.id).toList();

        try (Store client = full.server().imapStore(user, PASSWORD)) {
            assertTrue(client.getFolder("Projects").renameTo(client.getFolder("Clients")));
            assertTrue(client.getFolder("Old").delete(true));
        }
        await().atMost(DEADLINE).until(() -> fixture.folder(id, "Old") == null && fixture.folder(id, "Clients") != null);
        FolderEntity clients = fixture.folder(id, "Clients");
        assertEquals(projectsId, clients.id);
        assertEquals(messageIds, fixture.messages(clients.id).stream().map(m -> m.id).toList());
        assertNull(fixture.folder(id, "Projects"));
        assertEquals(1, fixture.changes(id, "folder.renamed"));
        assertEquals(1, fixture.changes(id, "folder.destroyed"));
        assertEquals(0, fixture.changes(id, "message.destroyed"));
    }

    @Test
    void unreadableFolderIsReportedAndTheOthersStillSync() throws Exception {
        String user = newUser(full.server());
        full.server().appendMessages(user, "INBOX", TestMessages.simple(5));
        full.server().appendMessages(user, "Broken", TestMessages.simple(3));
        Path broken = full.server().directory().resolve("mail").resolve(user).resolve("Maildir").resolve(".Broken");
        assertTrue(Files.isDirectory(broken), broken.toString());
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("---------"));
        try {
            UUID id = syncedAccount(full.server(), user);
            assertEquals(5, fixture.messages(fixture.folder(id, "INBOX").id).size());
            AccountEntity account = fixture.account(id);
            assertEquals(AccountState.IDLE, account.state);
            assertNotNull(account.lastError);
            assertTrue(account.lastError.contains("Broken"), account.lastError);
            FolderEntity folder = fixture.folder(id, "Broken");
            assertNotNull(folder);
            assertNotNull(folder.lastError);

            Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
            await().atMost(DEADLINE).until(() -> fixture.folder(id, "Broken").lastError == null
                    && fixture.account(id).lastError == null);
            assertEquals(3, fixture.messages(folder.id).size());
        } finally {
            Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void connectionsKickedMidSyncRecoverWithNoDuplicatesAndNoGaps() throws Exception {
        String user = newUser(full.server());
        DovecotServer.AppendedMessages appended =
                full.server().appendMessages(user, "INBOX", TestMessages.simple(3000));
        UUID id = account(full.server(), user);
        await().atMost(DEADLINE).until(() -> fixture.messageCount(id) > 0);
        full.server().kick(user);
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.IDLE
                && fixture.folder(id, "INBOX").initialSyncBelow == null);
        assertComplete(id, appended);
    }

    @Test
    void engineStoppedMidInitialSyncResumesWithNoDuplicatesAndNoGaps() throws Exception {
        String user = newUser(full.server());
        DovecotServer.AppendedMessages appended =
                full.server().appendMessages(user, "INBOX", TestMessages.simple(3000));
        UUID id = account(full.server(), user);
        await().atMost(DEADLINE).until(() -> fixture.messageCount(id) > 0);
        engine.stop(id);
        FolderEntity partial = fixture.folder(id, "INBOX");
        long stored = fixture.messages(partial.id).size();
        assertTrue(stored < 3000 || partial.initialSyncBelow == null, "stopped while walking down");
        engine.requestSync(id);
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.IDLE
                && fixture.folder(id, "INBOX").initialSyncBelow == null);
        assertComplete(id, appended);
    }

    @Test
    void statusChecksUseTheirOwnConnectionAndStillSeeEveryChange() throws Exception {
        String user = newUser(full.server());
        full.server().appendMessages(user, "INBOX", TestMessages.simple(3));
        // not registered with the gateway: the only sessions of this user are the ones made here
        SyncAccount account = new SyncAccount(UUID.randomUUID(),
                new UpstreamEndpoint(full.server().host(), full.server().imapPort(), Security.NONE),
                new UpstreamLogin(user, PASSWORD, AuthKind.PASSWORD), AccountState.IDLE);
        await().atMost(DEADLINE).until(() -> logins(user) == 1);
        try (UpstreamMailbox upstream = connector.connect(account)) {
            await().atMost(DEADLINE).until(() -> logins(user) == 2);
            upstream.listFolders();
            FolderStatus before = upstream.status("INBOX");
            assertEquals(3, before.messages());
            await("STATUS opened a session of its own").atMost(DEADLINE).until(() -> logins(user) == 3);
            upstream.status("Sent");
            assertEquals(3, logins(user), "and keeps it");
            upstream.listFolders();

            full.server().appendMessages(user, "INBOX", TestMessages.simple(2));
            try (Store other = full.server().imapStore(user, PASSWORD)) {
                Folder inbox = other.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                inbox.getMessage(1).setFlag(Flags.Flag.SEEN, true);
                inbox.close(false);
            }
            FolderStatus after = upstream.status("INBOX");
            assertEquals(5, after.messages(), "new mail is seen");
            assertEquals(before.uidNext().value() + 2, after.uidNext().value());
            assertTrue(after.highestModseq().isAfter(before.highestModseq()), "the flag change is seen");
            assertEquals(before.unseen() + 1, after.unseen(), "two new unread, one read");
        }
    }

    /** Sessions this user opened at this Dovecot so far (its log has one line per login: the append's too). */
    private static long logins(String user) {
        String marker = "Login: user=<" + user + ">";
        return full.server().log().lines().filter(line -> line.contains(marker)).count();
    }

    private void assertComplete(UUID id, DovecotServer.AppendedMessages appended) {
        List<MessageEntity> rows = fixture.messages(fixture.folder(id, "INBOX").id);
        assertEquals(appended.uids(), rows.stream().map(m -> m.uid).toList(), "every UID once, in order");
        assertEquals(appended.uids().size(), fixture.changes(id, "message.created"));
        assertFalse(rows.stream().anyMatch(m -> m.subject == null));
        assertNotEquals(0, fixture.account(id).progressTotal);
    }
}
