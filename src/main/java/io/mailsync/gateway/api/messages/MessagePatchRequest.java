package io.mailsync.gateway.api.messages;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** PATCH of a message: only the fields present change. */
@Schema(name = "MessagePatch", description = """
        Changes one message. Fields left out stay as they are. keywords replaces the whole keyword set; \
        addKeywords and removeKeywords change it (not together with keywords). Keywords are IMAP atoms: \
        1 to 100 printable ASCII characters without spaces or ( ) { % * " \\ ]. folderId moves the message \
        (after the flag changes); its id stays the same.""")
public record MessagePatchRequest(
        Boolean seen,
        Boolean flagged,
        @Schema(nullable = true) @Size(max = 50) List<String> keywords,
        @Schema(nullable = true) @Size(max = 50) List<String> addKeywords,
        @Schema(nullable = true) @Size(max = 50) List<String> removeKeywords,
        @Schema(nullable = true, description = "Move to this folder") UUID folderId) {
}
