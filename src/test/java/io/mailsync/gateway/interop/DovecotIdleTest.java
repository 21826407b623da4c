package io.mailsync.gateway.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.sync.InboxWatcher;
import io.mailsync.gateway.sync.SyncEngine;
import io.mailsync.gateway.sync.SyncFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IDLE on INBOX against a private Dovecot. Polling runs every ten minutes here, so a change seen within
 * seconds can only have come through the IDLE watch (Dovecot itself holds IDLE notices back 0.5 s).
 */
@QuarkusTest
@TestProfile(DovecotIdleTest.RarePolling.class)
class DovecotIdleTest {

    /** Polling too slow to be what finds a change within the deadline. */
    public static class RarePolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mailsync.sync.poll-interval", "10M", "mailsync.sync.idle", "true");
        }
    }

    private static final String PASSWORD = "s3cret-idle";
    private static final Duration SETUP = Duration.ofSeconds(60);
    /**
     * IDLE notice (0.5 s) plus one pass, with room for a loaded machine, and still far under the poll
     * interval (10 min), so that only the watch can have brought the change in time.
     */
    private static final Duration IDLE_DEADLINE = Duration.ofSeconds(20);

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orSkip();

    @Inject
    SyncFixture fixture;
    @Inject
    SyncEngine engine;
    @Inject
    InboxWatcher watcher;

    private UUID watchedAccount(int messages) {
        String user = "idle-" + UUID.randomUUID().toString().substring(0, 8) + "@mailsync.test";
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(messages));
        UUID id = fixture.createAccount(user, PASSWORD, dovecot.server().imapPort());
        engine.requestSync(id);
        await().atMost(SETUP).until(() -> fixture.account(id).state == AccountState.IDLE && watcher.isWatching(id));
        return id;
    }

    private List<MessageEntity> inbox(UUID id) {
        return fixture.messages(fixture.folder(id, "INBOX").id);
    }

    private void markFirstSeen(UUID id) throws Exception {
        try (Store client = dovecot.server().imapStore(fixture.account(id).username, PASSWORD)) {
            Folder inbox = client.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlag(Flags.Flag.SEEN, true);
            inbox.close(false);
        }
    }

    @Test
    void flagSetAndMessageAppendedByAnotherClientReachTheMirrorThroughIdle() throws Exception {
        UUID id = watchedAccount(3);
        assertFalse(inbox(id).get(0).seen);

        markFirstSeen(id);
        await().atMost(IDLE_DEADLINE).until(() -> inbox(id).get(0).seen);

        // the watch was re-armed after the first notice: a second change is seen as quickly
        dovecot.server().appendMessages(fixture.account(id).username, "INBOX", TestMessages.simple(1));
        await().atMost(IDLE_DEADLINE).until(() -> inbox(id).size() == 4);
        assertEquals(4, fixture.changes(id, "message.created"));
        assertTrue(watcher.isWatching(id));
    }

    @Test
    void changesFollowingEachOtherClosely() throws Exception {
        // each change is made as soon as the mirror shows the one before, while the pass it started may still
        // be running: every one must come through the watch, none may wait for the next poll
        UUID id = watchedAccount(3);
        try (Store client = dovecot.server().imapStore(fixture.account(id).username, PASSWORD)) {
            Folder inbox = client.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (int round = 1; round <= 8; round++) {
                boolean flagged = round % 2 == 1;
                int number = 1 + round % 3;
                inbox.getMessage(number).setFlag(Flags.Flag.FLAGGED, flagged);
                await().atMost(IDLE_DEADLINE).until(() -> inbox(id).get(number - 1).flagged == flagged);
            }
            inbox.close(false);
        }
        assertTrue(watcher.isWatching(id));
    }

    @Test
    void watchComesBackAfterTheServerDropsTheConnections() throws Exception {
        UUID id = watchedAccount(2);
        String user = fixture.account(id).username;
        // kick reaches only connections Dovecot already lists: wait for both (sync and IDLE) to be there
        await().atMost(SETUP).until(() -> dovecot.server().doveadm("who", "-1", user).lines()
                .filter(line -> line.contains("imap")).count() >= 2);
        Instant kicked = Instant.now();
        dovecot.server().kick(user);

        // only the lost watch can have asked for this pass: polling would wait ten minutes
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Instant success = fixture.account(id).lastSuccessAt;
            return success != null && success.isAfter(kicked) && watcher.isWatching(id);
        });

        markFirstSeen(id);
        await().atMost(IDLE_DEADLINE).until(() -> inbox(id).get(0).seen);
    }

    @Test
    void removedAccountLosesItsWatch() {
        UUID id = watchedAccount(1);
        fixture.deleteAccount(id);
        engine.stop(id);
        assertFalse(watcher.isWatching(id));
    }
}
