package io.mailsync.gateway.mailbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.device.DeviceApi;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An account synced against GreenMail and changed by a command, then removed over the API, leaves no mailbox
 * lock behind on this long-running gateway: neither its own nor those of its folders.
 */
@QuarkusTest
class RemovedAccountLocksTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static GreenMailUpstream upstream;

    @Inject
    SyncFixture fixture;
    @Inject
    MailboxLocks locks;

    @BeforeAll
    static void startUpstream() {
        upstream = new GreenMailUpstream("locks-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Test
    void removedAccountLeavesNoLockOfItselfOrItsFolders() throws Exception {
        try (Store client = SyncFixture.client(upstream.port(), upstream.username, upstream.password)) {
            SyncFixture.append(client, "INBOX", SyncFixture.message("Keep", "ann@example.test", false));
            SyncFixture.append(client, "Projects", SyncFixture.message("Plan", "bob@example.test", false));
        }
        UUID account = upstream.registration().register();
        fixture.awaitPass(account, DEADLINE);
        await().atMost(DEADLINE).until(() -> fixture.account(account).state == AccountState.IDLE);
        FolderEntity inbox = fixture.folder(account, "INBOX");
        MessageEntity message = fixture.messages(inbox.id).get(0);
        // a write-through command takes the folder's lock too
        DeviceApi.operator().contentType(ContentType.JSON).body(Map.of("flagged", true))
                .patch("/api/v1/accounts/" + account + "/messages/" + message.id).then().statusCode(200);
        List<UUID> ids = new ArrayList<>();
        ids.add(account);
        fixture.folders(account).forEach(f -> ids.add(f.id));

        DeviceApi.operator().delete("/api/v1/accounts/" + account).then().statusCode(204);

        await().atMost(DEADLINE).until(() -> ids.stream().noneMatch(locks::tracks));
        assertNull(fixture.account(account), "the account is gone");
    }
}
