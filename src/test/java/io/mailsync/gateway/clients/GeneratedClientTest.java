package io.mailsync.gateway.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.client.ApiClient;
import io.mailsync.client.ApiException;
import io.mailsync.client.api.AccountResourceApi;
import io.mailsync.client.api.ChangesApi;
import io.mailsync.client.api.DevicesApi;
import io.mailsync.client.api.FoldersApi;
import io.mailsync.client.api.MessagesApi;
import io.mailsync.client.model.Account;
import io.mailsync.client.model.AccountRequest;
import io.mailsync.client.model.Change;
import io.mailsync.client.model.ChangeList;
import io.mailsync.client.model.DeviceList;
import io.mailsync.client.model.DeviceMode;
import io.mailsync.client.model.DeviceRequest;
import io.mailsync.client.model.EndpointRequest;
import io.mailsync.client.model.Folder;
import io.mailsync.client.model.MessageDetail;
import io.mailsync.client.model.MessageList;
import io.mailsync.client.model.MessagePatch;
import io.mailsync.client.model.MessageSummary;
import io.mailsync.client.model.RegisteredDevice;
import io.mailsync.client.model.Security;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Drives the running gateway only through the Java client generated from openapi/openapi.yaml, as an
 * app team would (register, devices, list, read, mark read, follow the changes feed): if the committed
 * contract and the served API disagree, this is where it shows.
 */
@QuarkusTest
class GeneratedClientTest {

    private static final String OPERATOR_TOKEN = "test-operator-token";
    private static final Duration SYNC_DEADLINE = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI root;

    @Test
    void appTeamRegistersDevicesReadsMailMarksItReadAndFollowsChangesThroughTheGeneratedClient() throws Exception {
        String user = "client-" + UUID.randomUUID().toString().substring(0, 8);
        try (GreenMailUpstream upstream = new GreenMailUpstream(user)) {
            upstream.append("INBOX", raw("Quarterly numbers"));
            upstream.append("INBOX", raw("Lunch on Friday?"));

            ApiClient operator = client(OPERATOR_TOKEN);
            Account account = new AccountResourceApi(operator).registerAccount(new AccountRequest()
                    .email(user + "@example.test").username(user).password(upstream.password)
                    .imap(new EndpointRequest().host("127.0.0.1").port(upstream.port()).security(Security.NONE)),
                    UUID.randomUUID().toString());
            UUID accountId = account.getId();
            assertNotNull(accountId);
            assertEquals(user, account.getUsername());
            assertEquals(upstream.port(), account.getImap().getPort());

            DevicesApi devices = new DevicesApi(operator);
            RegisteredDevice phone = devices.registerDevice(accountId,
                    new DeviceRequest().name("Ana's phone").platform("android").mode(DeviceMode.IMAP),
                    UUID.randomUUID().toString());
            RegisteredDevice laptop = devices.registerDevice(accountId,
                    new DeviceRequest().name("Ana's laptop").platform("macos").mode(DeviceMode.IMAP),
                    UUID.randomUUID().toString());
            assertNotNull(phone.getToken());
            assertNotNull(laptop.getToken());
            assertNotEquals(phone.getToken(), laptop.getToken());
            DeviceList listed = devices.listDevices(accountId);
            assertEquals(List.of(phone.getId(), laptop.getId()).stream().sorted().toList(),
                    listed.getItems().stream().map(d -> d.getId()).sorted().toList());

            ApiClient phoneClient = client(phone.getToken());
            Folder inbox = await("the gateway mirrors INBOX").atMost(SYNC_DEADLINE)
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> inbox(new FoldersApi(phoneClient).listFolders(accountId).getItems()),
                            folder -> folder != null && folder.getTotal() == 2);
            assertEquals(Folder.RoleEnum.INBOX, inbox.getRole());
            assertEquals(2L, inbox.getUnread());

            MessagesApi phoneMessages = new MessagesApi(phoneClient);
            MessageList unread = phoneMessages.listMessages(accountId, null, null, inbox.getId(), 10, null, true);
            // both may arrive within the same second (INTERNALDATE's precision), so pick them by subject
            assertEquals(java.util.Set.of("Lunch on Friday?", "Quarterly numbers"),
                    unread.getItems().stream().map(MessageSummary::getSubject).collect(java.util.stream.Collectors.toSet()));
            assertNull(unread.getNextCursor());
            MessageSummary lunch = bySubject(unread, "Lunch on Friday?");
            assertFalse(lunch.getSeen());

            MessageDetail detail = phoneMessages.getMessage(accountId, lunch.getId());
            assertEquals("Lunch on Friday?", detail.getSubject());
            assertTrue(detail.getTextBody().contains("hello Lunch on Friday?"), detail.getTextBody());

            // the laptop follows the changes feed from where the account is now
            ChangesApi laptopChanges = new ChangesApi(client(laptop.getToken()));
            String cursor = followToTheEnd(laptopChanges, accountId, null);

            // another mail client flags a message on the server: the laptop sees it in the feed, from upstream
            MessageSummary quarterly = bySubject(unread, "Quarterly numbers");
            setUpstream(upstream, "Quarterly numbers", Flags.Flag.FLAGGED);
            String since = cursor;
            List<Change> flagged = await("the upstream flag reaches the changes feed").atMost(SYNC_DEADLINE)
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> laptopChanges.listChanges(accountId, 100, since).getItems().stream()
                            .filter(change -> quarterly.getId().equals(change.getObjectId())).toList(),
                            changes -> !changes.isEmpty());
            assertEquals("message.updated", flagged.get(0).getType());
            assertEquals("upstream", flagged.get(0).getOrigin());
            assertEquals(inbox.getId(), flagged.get(0).getFolderId());
            assertTrue(new MessagesApi(client(laptop.getToken())).getMessage(accountId, quarterly.getId()).getFlagged());
            cursor = followToTheEnd(laptopChanges, accountId, since);

            // the phone marks the message read: written through to the upstream server
            MessageSummary read = phoneMessages.updateMessage(accountId, lunch.getId(), new MessagePatch().seen(true), null);
            assertTrue(read.getSeen());
            assertEquals(lunch.getId(), read.getId());
            assertTrue(seenUpstream(upstream, "Lunch on Friday?"), "the server has \\Seen once the PATCH answered");

            // the laptop sees the phone's change in the feed, once, with the phone as its origin
            ChangeList changes = laptopChanges.listChanges(accountId, 100, cursor);
            List<Change> fromPhone = changes.getItems().stream()
                    .filter(change -> lunch.getId().equals(change.getObjectId()))
                    .filter(change -> ("device:" + phone.getId()).equals(change.getOrigin()))
                    .toList();
            assertEquals(1, fromPhone.size(), "one change for the read message in " + changes.getItems());
            assertEquals("message.updated", fromPhone.get(0).getType());
            assertEquals(inbox.getId(), fromPhone.get(0).getFolderId());
            assertNotNull(changes.getNextCursor());
            assertTrue(fromPhone.get(0).getSequence() > 0);
            MessageList stillUnread = new MessagesApi(client(laptop.getToken()))
                    .listMessages(accountId, null, null, inbox.getId(), 10, null, true);
            assertEquals(List.of("Quarterly numbers"),
                    stillUnread.getItems().stream().map(MessageSummary::getSubject).toList());

            // a device reaches only its own account: another account's ids answer 404 through the client too
            ApiException foreign = assertThrows(ApiException.class,
                    () -> new FoldersApi(phoneClient).listFolders(UUID.randomUUID()));
            assertEquals(404, foreign.getCode());
            assertTrue(foreign.getResponseBody().contains("\"status\":404"), foreign.getResponseBody());
            ApiException unknown = assertThrows(ApiException.class,
                    () -> new FoldersApi(client("msd_not-a-device")).listFolders(accountId));
            assertEquals(401, unknown.getCode());

            devices.revokeDevice(accountId, phone.getId());
            assertEquals(401, assertThrows(ApiException.class,
                    () -> phoneMessages.listMessages(accountId, null, null, null, 1, null, null)).getCode());
            new AccountResourceApi(operator).removeAccount(accountId.toString());
        }
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(root.toString().replaceAll("/$", ""));
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static MessageSummary bySubject(MessageList list, String subject) {
        return list.getItems().stream().filter(message -> subject.equals(message.getSubject())).findFirst()
                .orElseThrow(() -> new AssertionError("no message '" + subject + "' in " + list.getItems()));
    }

    /** Follows the feed page by page until it has nothing more at once; returns the cursor to keep. */
    private static String followToTheEnd(ChangesApi feed, UUID accountId, String since) throws ApiException {
        String cursor = since;
        for (int page = 0; page < 1000; page++) {
            ChangeList list = feed.listChanges(accountId, 500, cursor);
            assertNotNull(list.getNextCursor(), "every page carries the cursor to keep");
            cursor = list.getNextCursor();
            if (!Boolean.TRUE.equals(list.getHasMore())) {
                return cursor;
            }
        }
        throw new AssertionError("the changes feed never ended");
    }

    /** Sets a flag on the server as another mail client would. */
    private static void setUpstream(GreenMailUpstream upstream, String subject, Flags.Flag flag) throws MessagingException {
        Store store = SyncFixture.client(upstream.port(), upstream.username, upstream.password);
        try {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_WRITE);
            try {
                for (Message message : inbox.getMessages()) {
                    if (subject.equals(message.getSubject())) {
                        message.setFlag(flag, true);
                        return;
                    }
                }
                throw new AssertionError("no message " + subject + " upstream");
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static boolean seenUpstream(GreenMailUpstream upstream, String subject) throws MessagingException {
        Store store = SyncFixture.client(upstream.port(), upstream.username, upstream.password);
        try {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    if (subject.equals(message.getSubject())) {
                        return message.isSet(Flags.Flag.SEEN);
                    }
                }
                throw new AssertionError("no message " + subject + " upstream");
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static Folder inbox(List<Folder> folders) {
        return folders.stream().filter(folder -> "INBOX".equals(folder.getPath())).findFirst().orElse(null);
    }

    private static byte[] raw(String subject) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        SyncFixture.message(subject, "ana@example.test", false).writeTo(out);
        return out.toByteArray();
    }
}
