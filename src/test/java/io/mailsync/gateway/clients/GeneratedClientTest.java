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
import io.mailsync.client.api.DevicesApi;
import io.mailsync.client.api.FoldersApi;
import io.mailsync.client.api.MessagesApi;
import io.mailsync.client.model.Account;
import io.mailsync.client.model.AccountRequest;
import io.mailsync.client.model.DeviceList;
import io.mailsync.client.model.DeviceMode;
import io.mailsync.client.model.DeviceRequest;
import io.mailsync.client.model.EndpointRequest;
import io.mailsync.client.model.Folder;
import io.mailsync.client.model.MessageDetail;
import io.mailsync.client.model.MessageList;
import io.mailsync.client.model.MessageSummary;
import io.mailsync.client.model.RegisteredDevice;
import io.mailsync.client.model.Security;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Drives the running gateway only through the Java client generated from openapi/openapi.yaml, as an
 * app team would: if the committed contract and the served API disagree, this is where it shows.
 */
@QuarkusTest
class GeneratedClientTest {

    private static final String OPERATOR_TOKEN = "test-operator-token";
    private static final Duration SYNC_DEADLINE = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI root;

    @Test
    void appTeamRegistersAnAccountAndDevicesAndReadsMailThroughTheGeneratedClient() throws Exception {
        String user = "client-" + UUID.randomUUID().toString().substring(0, 8);
        try (GreenMailUpstream upstream = new GreenMailUpstream(user)) {
            upstream.append("INBOX", raw("Quarterly numbers"));
            upstream.append("INBOX", raw("Lunch on Friday?"));

            ApiClient operator = client(OPERATOR_TOKEN);
            Account account = new AccountResourceApi(operator).registerAccount(new AccountRequest()
                    .email(user + "@example.test").username(user).password(upstream.password)
                    .imap(new EndpointRequest().host("127.0.0.1").port(upstream.port()).security(Security.NONE)));
            UUID accountId = account.getId();
            assertNotNull(accountId);
            assertEquals(user, account.getUsername());
            assertEquals(upstream.port(), account.getImap().getPort());

            DevicesApi devices = new DevicesApi(operator);
            RegisteredDevice phone = devices.registerDevice(accountId,
                    new DeviceRequest().name("Ana's phone").platform("android").mode(DeviceMode.IMAP));
            RegisteredDevice laptop = devices.registerDevice(accountId,
                    new DeviceRequest().name("Ana's laptop").platform("macos").mode(DeviceMode.IMAP));
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
            assertEquals(List.of("Lunch on Friday?", "Quarterly numbers"),
                    unread.getItems().stream().map(MessageSummary::getSubject).toList(), "newest first");
            assertNull(unread.getNextCursor());
            MessageSummary lunch = unread.getItems().get(0);
            assertFalse(lunch.getSeen());

            MessageDetail detail = phoneMessages.getMessage(accountId, lunch.getId());
            assertEquals("Lunch on Friday?", detail.getSubject());
            assertTrue(detail.getTextBody().contains("hello Lunch on Friday?"), detail.getTextBody());

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

    private static Folder inbox(List<Folder> folders) {
        return folders.stream().filter(folder -> "INBOX".equals(folder.getPath())).findFirst().orElse(null);
    }

    private static byte[] raw(String subject) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        SyncFixture.message(subject, "ana@example.test", false).writeTo(out);
        return out.toByteArray();
    }
}
