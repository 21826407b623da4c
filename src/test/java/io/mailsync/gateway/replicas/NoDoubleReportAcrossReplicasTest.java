package io.mailsync.gateway.replicas;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.command.CommandMirror;
import io.mailsync.gateway.command.FlagChange;
import io.mailsync.gateway.command.MessageCommand;
import io.mailsync.gateway.command.MessageCommands;
import io.mailsync.gateway.command.UpstreamCommands;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.SharedMailboxLocks;
import io.mailsync.gateway.store.ChangeLogEntry;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.sync.AccountSyncPass;
import io.mailsync.gateway.sync.MailboxMirror;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.SyncAccounts;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.sync.UpstreamConnector;
import io.mailsync.gateway.sync.UpstreamMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas in one JVM against Dovecot (CONDSTORE/QRESYNC): replica A is the running gateway (its REST API
 * and its own sync engine); replica B is a second command service and a second sync loop built on in-process
 * locks of their own, so only the locks in PostgreSQL stand between the two. While both change the same
 * messages and B syncs the account over and over, every command is reported exactly once, with its device's
 * origin, and no sync pass reports any of them as an upstream change.
 */
@QuarkusTest
class NoDoubleReportAcrossReplicasTest {

    private static final String PASSWORD = "replicas-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int MESSAGES = 10;
    private static final int ROUNDS = 2;

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orSkip();

    @Inject
    SyncFixture fixture;
    @Inject
    SharedMailboxLocks sharedLocks;
    @Inject
    CommandMirror commandMirror;
    @Inject
    UpstreamCommands upstreamCommands;
    @Inject
    MailsyncConfig config;
    @Inject
    UpstreamConnector connector;
    @Inject
    MailboxMirror mirror;
    @Inject
    SyncAccounts accounts;

    @Test
    void commandsAndSyncPassesOnTwoReplicasReportEachChangeOnce() throws Exception {
        String user = "replicas-" + UUID.randomUUID().toString().substring(0, 8) + "@mailsync.test";
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(MESSAGES));
        UUID account = fixture.createAccount(user, PASSWORD, dovecot.server().imapPort());
        fixture.awaitPass(account, DEADLINE);
        FolderEntity inbox = fixture.folder(account, "INBOX");
        List<MessageEntity> messages = fixture.messages(inbox.id);
        assertEquals(MESSAGES, messages.size());
        long before = fixture.changeLog(account).stream().mapToLong(e -> e.key.seq()).max().orElse(0);

        // replica B: its own in-process locks, the same database
        MailboxLocks replicaB = new MailboxLocks(sharedLocks);
        MessageCommands commandsB = new MessageCommands(commandMirror, upstreamCommands, replicaB, config);
        UUID deviceB = UUID.randomUUID();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger passesB = new AtomicInteger();
        SyncAccount syncAccount = accounts.find(account).orElseThrow();
        CompletableFuture<Void> syncLoopB = CompletableFuture.runAsync(() -> {
            try (UpstreamMailbox upstream = connector.connect(syncAccount)) {
                while (!stop.get()) {
                    new AccountSyncPass(syncAccount, upstream, mirror, accounts, 50, stop::get, replicaB).run();
                    passesB.incrementAndGet();
                }
            }
        });

        // replica A (REST, operator) toggles \Flagged, replica B (device) toggles \Seen, on the same messages
        CompletableFuture<Void> commandsOnA = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < ROUNDS * 2; round++) {
                boolean on = round % 2 == 0;
                for (MessageEntity m : messages) {
                    given().auth().oauth2("test-operator-token").contentType(ContentType.JSON)
                            .body(Map.of("flagged", on))
                            .patch("/api/v1/accounts/" + account + "/messages/" + m.id)
                            .then().statusCode(200);
                }
            }
        });
        CompletableFuture<Void> commandsOnB = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < ROUNDS * 2; round++) {
                boolean on = round % 2 == 0;
                for (MessageEntity m : messages) {
                    commandsB.apply(account, m.id, seen(on), null, Origin.device(deviceB));
                }
            }
        });
        commandsOnA.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        commandsOnB.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        await().atMost(DEADLINE).until(() -> passesB.get() >= 3);
        stop.set(true);
        syncLoopB.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        fixture.awaitPass(account, DEADLINE);

        List<ChangeLogEntry> after = fixture.changeLog(account).stream()
                .filter(e -> e.key.seq() > before && e.type.equals("message.updated")).toList();
        Map<String, Integer> byOrigin = new HashMap<>();
        after.forEach(e -> byOrigin.merge(e.origin, 1, Integer::sum));
        assertEquals(Map.of("operator", MESSAGES * ROUNDS * 2, "device:" + deviceB, MESSAGES * ROUNDS * 2), byOrigin,
                "each command once, under its own origin; nothing reported as an upstream change");
        try (Store client = dovecot.server().imapStore(user, PASSWORD)) {
            IMAPFolder upstreamInbox = (IMAPFolder) client.getFolder("INBOX");
            upstreamInbox.open(Folder.READ_ONLY);
            for (MessageEntity m : fixture.messages(inbox.id)) {
                Message there = upstreamInbox.getMessageByUID(m.uid);
                assertTrue(there != null && !there.getFlags().contains(Flags.Flag.SEEN)
                        && !there.getFlags().contains(Flags.Flag.FLAGGED), "both flags are off upstream");
                assertTrue(!m.seen && !m.flagged, "and in the mirror");
            }
            upstreamInbox.close(false);
        }
    }

    private static MessageCommand seen(boolean on) {
        return new MessageCommand(new FlagChange(on, null, null, null, null), null, false, false);
    }
}
