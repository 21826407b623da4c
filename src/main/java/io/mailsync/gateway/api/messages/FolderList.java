package io.mailsync.gateway.api.messages;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The folders of an account; one page always, so {@code nextCursor} is null. */
@Schema(name = "FolderList")
public record FolderList(List<FolderJson> items,
                         @Schema(nullable = true, description = "Always null: every folder fits one page")
                         String nextCursor) {
}
