package io.mailsync.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsync.gateway.mailbox.ChangeType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Turns a change-log entry into a CloudEvents 1.0 event in structured JSON mode (the whole event is the
 * record value). The shape is documented in openapi/asyncapi.yaml.
 */
@ApplicationScoped
public class ChangeEventFormat {

    static final String SPEC_VERSION = "1.0";
    static final String TYPE_PREFIX = "io.mailsync.";
    static final String CONTENT_TYPE = "application/cloudevents+json";

    private final ObjectMapper json;

    ChangeEventFormat(ObjectMapper json) {
        this.json = json;
    }

    /** The CloudEvent {@code type} of a change type: {@code io.mailsync.message.created}. */
    public static String eventType(ChangeType type) {
        return TYPE_PREFIX + type.wireName();
    }

    /** The event as UTF-8 JSON bytes; fails with {@link UnpublishableEvent} when the entry cannot be written. */
    byte[] toCloudEvent(OutboxEntry entry) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", SPEC_VERSION);
        event.put("id", entry.eventId());
        event.put("source", "/accounts/" + entry.accountId());
        event.put("type", eventType(changeType(entry)));
        event.put("subject", entry.objectId().toString());
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(entry.createdAt().truncatedTo(ChronoUnit.MICROS)));
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("sequence", entry.sequence());
        data.put("type", entry.type());
        data.put("objectId", entry.objectId().toString());
        if (entry.folderId() == null) {
            data.putNull("folderId");
        } else {
            data.put("folderId", entry.folderId().toString());
        }
        data.put("origin", entry.origin());
        data.set("data", changeData(entry));
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UnpublishableEvent("the event could not be written as JSON", e);
        }
    }

    private static ChangeType changeType(OutboxEntry entry) {
        try {
            return ChangeType.fromWireName(entry.type());
        } catch (IllegalArgumentException e) {
            throw new UnpublishableEvent("unknown change type '" + entry.type() + "'", e);
        }
    }

    private JsonNode changeData(OutboxEntry entry) {
        if (entry.data() == null || entry.data().isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(entry.data());
            if (!node.isObject()) {
                throw new UnpublishableEvent("the change data is not a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UnpublishableEvent("the change data is not valid JSON", e);
        }
    }

    /** An entry that can never become an event; the relay dead-letters it and goes on. */
    static final class UnpublishableEvent extends RuntimeException {
        UnpublishableEvent(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
