package io.mailsync.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.ChangeType;
import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi/asyncapi.yaml is the contract of the Kafka events: every change type has its event type there,
 * and every event the gateway produces (device changes and a real upstream sync) matches its schema.
 */
@QuarkusTest
class AsyncApiContractTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static JsonNode contract;

    @Inject
    MirrorFixture mirror;
    @Inject
    ChangeLog changeLog;
    @Inject
    SyncFixture sync;

    @BeforeAll
    static void readContract() throws IOException {
        contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/asyncapi.yaml").toFile());
    }

    /** The schema of the message documented for a CloudEvent type, or null when there is none. */
    private static JsonSchema schemaFor(String eventType) {
        Iterator<Map.Entry<String, JsonNode>> messages = contract.path("components").path("messages").fields();
        while (messages.hasNext()) {
            Map.Entry<String, JsonNode> message = messages.next();
            if (eventType.equals(message.getValue().path("name").asText())) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("$ref", "#/components/messages/" + message.getKey() + "/payload");
                root.set("components", contract.path("components"));
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
            }
        }
        return null;
    }

    private static void assertMatchesContract(JsonNode event) {
        JsonSchema schema = schemaFor(event.path("type").asText());
        assertNotNull(schema, "event type not documented in asyncapi.yaml: " + event.path("type").asText());
        Set<ValidationMessage> errors = schema.validate(event);
        assertTrue(errors.isEmpty(), "event " + event + " breaks the contract: " + errors);
    }

    @Test
    void everyChangeTypeHasADocumentedEventType() {
        for (ChangeType type : ChangeType.values()) {
            assertNotNull(schemaFor(ChangeEventFormat.eventType(type)),
                    "asyncapi.yaml has no message named " + ChangeEventFormat.eventType(type));
        }
        assertEquals("mailsync.changes", contract.path("channels").path("changes").path("address").asText());
        assertEquals("uuid", contract.path("components").path("messageTraits").path("changeEvent").path("bindings")
                .path("kafka").path("key").path("format").asText());
    }

    @Test
    void eventsOfEveryChangeTypeMatchTheirSchema() {
        UUID accountId = mirror.account("127.0.0.1", 1, "a" + UUID.randomUUID().toString().substring(0, 8), "secret");
        UUID folderId = UUID.randomUUID();
        Map<ChangeType, ChangeData> samples = new HashMap<>();
        samples.put(ChangeType.MESSAGE_CREATED, new ChangeData.MessageCreated(Uid.of(7)));
        samples.put(ChangeType.MESSAGE_UPDATED, new ChangeData.FlagsChanged(
                MessageFlags.NONE.withSeen(true).withKeywords(List.of("$label1"))));
        samples.put(ChangeType.MESSAGE_MOVED, new ChangeData.MessageMoved(UUID.randomUUID(), Uid.of(8)));
        samples.put(ChangeType.MESSAGE_DESTROYED, new ChangeData.MessageDestroyed(Uid.of(7)));
        samples.put(ChangeType.FOLDER_CREATED, new ChangeData.FolderCreated("Projects/2026/東京", FolderRole.ARCHIVE));
        samples.put(ChangeType.FOLDER_RENAMED, new ChangeData.FolderRenamed("B", "A", null));
        samples.put(ChangeType.FOLDER_DESTROYED, new ChangeData.FolderDestroyed("B"));
        samples.put(ChangeType.FOLDER_RESET, new ChangeData.FolderReset(UidValidity.of(1234567)));
        samples.put(ChangeType.ACCOUNT_UPDATED, new ChangeData.AccountUpdated("idle", null));
        UUID device = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (ChangeType type : ChangeType.values()) {
                UUID object = type.name().startsWith("ACCOUNT") ? accountId : UUID.randomUUID();
                changeLog.append(accountId, new Change(object, type.name().startsWith("ACCOUNT") ? null : folderId,
                        Origin.device(device), samples.get(type)));
            }
        });
        try (TopicReader reader = new TopicReader(Set.of(accountId))) {
            List<TopicReader.Received> received = reader.awaitUntil(DEADLINE, all -> all.stream()
                    .map(r -> r.event().path("type").asText()).distinct().count() >= ChangeType.values().length);
            for (TopicReader.Received r : received) {
                assertMatchesContract(r.event());
            }
            // the schemas can fail: an event without its id, or with a foreign type, does not pass
            ObjectNode broken = received.get(0).event().deepCopy();
            broken.remove("id");
            assertFalse(schemaFor(broken.path("type").asText()).validate(broken).isEmpty());
            ObjectNode wrongOrigin = received.get(0).event().deepCopy();
            ((ObjectNode) wrongOrigin.path("data")).put("origin", "somebody");
            assertFalse(schemaFor(wrongOrigin.path("type").asText()).validate(wrongOrigin).isEmpty());
        }
    }

    @Test
    void anUpstreamChangeSyncedFromTheMailServerIsPublished() throws Exception {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        try (GreenMailUpstream upstream = new GreenMailUpstream(user)) {
            upstream.append("INBOX", ("From: a@example.test\r\nTo: " + user + "@example.test\r\nSubject: hello\r\n"
                    + "Message-ID: <" + UUID.randomUUID() + "@example.test>\r\n\r\nbody\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            UUID accountId = sync.createAccount(user, upstream.password, upstream.port());
            try {
                sync.awaitPass(accountId, DEADLINE);
                try (TopicReader reader = new TopicReader(Set.of(accountId))) {
                    List<TopicReader.Received> received = reader.awaitUntil(DEADLINE, all -> all.stream()
                            .anyMatch(r -> r.event().path("type").asText().equals("io.mailsync.message.created")));
                    TopicReader.Received created = received.stream()
                            .filter(r -> r.event().path("type").asText().equals("io.mailsync.message.created"))
                            .findFirst().orElseThrow();
                    assertEquals("upstream", created.event().path("data").path("origin").asText());
                    assertEquals(1, created.event().path("data").path("data").path("uid").asLong());
                    assertTrue(received.stream().anyMatch(r -> r.event().path("type").asText()
                            .equals("io.mailsync.folder.created")));
                    for (TopicReader.Received r : received) {
                        assertMatchesContract(r.event());
                    }
                }
            } finally {
                sync.deleteAccount(accountId);
            }
        }
    }
}
