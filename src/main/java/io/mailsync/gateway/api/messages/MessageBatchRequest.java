package io.mailsync.gateway.api.messages;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One action on many messages. */
@Schema(name = "MessageBatch", description = """
        One action on up to 1000 messages: the fields of MessagePatch, or delete (to Trash; permanently \
        with permanent, or for messages already in Trash). Messages are grouped by folder and each group \
        is sent upstream as one or two IMAP commands over a UID set.""")
public record MessageBatchRequest(
        @NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> messageIds,
        Boolean seen,
        Boolean flagged,
        @Schema(nullable = true) @Size(max = 50) List<String> keywords,
        @Schema(nullable = true) @Size(max = 50) List<String> addKeywords,
        @Schema(nullable = true) @Size(max = 50) List<String> removeKeywords,
        @Schema(nullable = true) UUID folderId,
        @Schema(description = "Delete the messages (to Trash unless permanent)") Boolean delete,
        @Schema(description = "With delete: expunge for good instead of moving to Trash") Boolean permanent) {
}
