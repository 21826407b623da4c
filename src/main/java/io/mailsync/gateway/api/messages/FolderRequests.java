package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.api.http.NoControlCharacters;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the folder commands. */
public final class FolderRequests {
    private FolderRequests() {
    }

    /** POST …/folders. */
    @Schema(name = "FolderCreate", description = "A new folder: its name (one level) and optionally the folder it goes in")
    public record Create(
            @NotBlank @Size(max = 200) @NoControlCharacters String name,
            @Schema(nullable = true, description = "Create it inside this folder") UUID parentId) {
    }

    /** PATCH …/folders/{folderId}. */
    @Schema(name = "FolderRename", description = "A new name for the folder, at the same level; subfolders follow")
    public record Rename(@NotBlank @Size(max = 200) @NoControlCharacters String name) {
    }
}
