package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.mailbox.FolderSummary;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A folder on the wire: DESIGN.md section 3. */
@Schema(name = "Folder", description = "A mirrored upstream folder with its message counts")
public record FolderJson(
        @Schema(description = "Stable id of the folder in the gateway") UUID id,
        @Schema(description = "Last segment of the path, for display") String name,
        @Schema(description = "Full upstream path, decoded, with the server's delimiter") String path,
        @Schema(description = "What the folder is for; null for the user's own folders",
                enumeration = {"inbox", "sent", "drafts", "trash", "junk", "archive"}, nullable = true) String role,
        @Schema(description = "Messages in the folder as mirrored") long total,
        @Schema(description = "Messages without the \\Seen flag") long unread,
        @Schema(description = "False for folders that only hold other folders (\\Noselect)",
                type = SchemaType.BOOLEAN) boolean selectable) {

    public static FolderJson of(FolderSummary f) {
        return new FolderJson(f.id(), f.name(), f.path(), f.role() == null ? null : f.role().wireName(),
                f.total(), f.unread(), f.selectable());
    }
}
