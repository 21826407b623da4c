package io.mailsync.gateway.api.changes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.mailsync.gateway.mailbox.CommittedChange;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change of the feed and of the live stream (the stream's {@code data:}). */
@Schema(name = "Change")
public record ChangeJson(
        @Schema(description = "Position in the account's change log; increases by one per change") long sequence,
        @Schema(description = "<object>.<verb>", examples = {"message.updated", "folder.reset"}) String type,
        UUID objectId,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID folderId,
        @Schema(description = "upstream, or device:{deviceId} for a device's own change") String origin,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue
        @Schema(type = SchemaType.OBJECT, description = "What changed, when the type carries details")
        String data,
        Instant createdAt) {

    static ChangeJson of(CommittedChange e) {
        return new ChangeJson(e.sequence(), e.type(), e.objectId(), e.folderId(), e.origin(), e.data(), e.createdAt());
    }
}
