package io.mailsync.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The change data devices, streams and Kafka consumers read: field names, order and nulls, byte for byte. */
class ChangeDataJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(ChangeData data) {
        return ChangeDataJson.write(JSON, data);
    }

    @Test
    void messageChangesCarryTheirUidOrTheWholeNewFlagState() {
        assertEquals("{\"uid\":7}", json(new ChangeData.MessageCreated(Uid.of(7))));
        assertEquals("{\"uid\":4294967295}", json(new ChangeData.MessageDestroyed(Uid.of(Uid.MAX))));
        UUID from = UUID.fromString("7d6f7a8e-1111-4222-8333-944455556666");
        assertEquals("{\"fromFolderId\":\"7d6f7a8e-1111-4222-8333-944455556666\",\"uid\":9}",
                json(new ChangeData.MessageMoved(from, Uid.of(9))));
        MessageFlags flags = new MessageFlags(true, false, true, false, false, Set.of("$Work", "$Later"));
        assertEquals("{\"seen\":true,\"flagged\":false,\"answered\":true,\"draft\":false,\"deleted\":false,"
                + "\"keywords\":[\"$Later\",\"$Work\"]}", json(new ChangeData.FlagsChanged(flags)));
        assertEquals("{\"seen\":false,\"flagged\":false,\"answered\":false,\"draft\":false,\"deleted\":false,"
                + "\"keywords\":[]}", json(new ChangeData.FlagsChanged(MessageFlags.NONE)));
    }

    @Test
    void folderChangesSayAMissingRoleWithNull() {
        assertEquals("{\"path\":\"Projects/2026/東京\",\"role\":null}",
                json(new ChangeData.FolderCreated("Projects/2026/東京", null)));
        assertEquals("{\"path\":\"Archive\",\"role\":\"archive\"}",
                json(new ChangeData.FolderCreated("Archive", FolderRole.ARCHIVE)));
        assertEquals("{\"path\":\"B\",\"oldPath\":\"A\",\"role\":null}",
                json(new ChangeData.FolderRenamed("B", "A", null)));
        assertEquals("{\"path\":\"Sent\",\"oldPath\":\"Gesendet\",\"role\":\"sent\"}",
                json(new ChangeData.FolderRenamed("Sent", "Gesendet", FolderRole.SENT)));
        assertEquals("{\"path\":\"B\"}", json(new ChangeData.FolderDestroyed("B")));
        assertEquals("{\"uidValidity\":1234567}", json(new ChangeData.FolderReset(UidValidity.of(1234567))));
    }

    @Test
    void anAccountStateWithoutAnErrorHasNoErrorField() {
        assertEquals("{\"state\":\"idle\"}", json(new ChangeData.AccountUpdated("idle", null)));
        assertEquals("{\"state\":\"auth-failed\",\"lastError\":\"LOGIN refused\"}",
                json(new ChangeData.AccountUpdated("auth-failed", "LOGIN refused")));
    }
}
