package io.mailsync.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.ChangeData.AccountUpdated;
import io.mailsync.gateway.mailbox.ChangeData.FlagsChanged;
import io.mailsync.gateway.mailbox.ChangeData.FolderCreated;
import io.mailsync.gateway.mailbox.ChangeData.FolderDestroyed;
import io.mailsync.gateway.mailbox.ChangeData.FolderRenamed;
import io.mailsync.gateway.mailbox.ChangeData.FolderReset;
import io.mailsync.gateway.mailbox.ChangeData.MessageCreated;
import io.mailsync.gateway.mailbox.ChangeData.MessageDestroyed;
import io.mailsync.gateway.mailbox.ChangeData.MessageMoved;
import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.MessageFlags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON object the change log stores for a change's data, the one place that writes it. Devices, live
 * streams and Kafka consumers get these bytes as they are: field names, their order and their nulls are
 * the contract of openapi.yaml and asyncapi.yaml.
 */
final class ChangeDataJson {

    private ChangeDataJson() {
    }

    static String write(ObjectMapper json, ChangeData data) {
        try {
            return json.writeValueAsString(fields(data));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("change data is not serialisable: " + data.type(), e);
        }
    }

    private static Map<String, Object> fields(ChangeData data) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (data instanceof MessageCreated created) {
            fields.put("uid", created.uid().value());
        } else if (data instanceof FlagsChanged changed) {
            MessageFlags flags = changed.flags();
            fields.put("seen", flags.seen());
            fields.put("flagged", flags.flagged());
            fields.put("answered", flags.answered());
            fields.put("draft", flags.draft());
            fields.put("deleted", flags.deleted());
            fields.put("keywords", List.copyOf(flags.keywords()));
        } else if (data instanceof MessageMoved moved) {
            fields.put("fromFolderId", moved.fromFolderId().toString());
            fields.put("uid", moved.uid().value());
        } else if (data instanceof MessageDestroyed destroyed) {
            fields.put("uid", destroyed.uid().value());
        } else if (data instanceof FolderCreated created) {
            fields.put("path", created.path());
            fields.put("role", role(created.role()));
        } else if (data instanceof FolderRenamed renamed) {
            fields.put("path", renamed.path());
            fields.put("oldPath", renamed.oldPath());
            fields.put("role", role(renamed.role()));
        } else if (data instanceof FolderDestroyed destroyed) {
            fields.put("path", destroyed.path());
        } else if (data instanceof FolderReset reset) {
            fields.put("uidValidity", reset.uidValidity().value());
        } else if (data instanceof AccountUpdated updated) {
            fields.put("state", updated.state());
            // a state without an error has no lastError field at all (not null)
            if (updated.lastError() != null) {
                fields.put("lastError", updated.lastError());
            }
        } else {
            throw new IllegalArgumentException("no JSON form for " + data.getClass().getSimpleName());
        }
        return fields;
    }

    /** A folder without a role says so with {@code "role":null}. */
    private static String role(FolderRole role) {
        return role == null ? null : role.wireName();
    }
}
