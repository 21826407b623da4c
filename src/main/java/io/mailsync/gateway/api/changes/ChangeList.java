package io.mailsync.gateway.api.changes;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the changes feed. */
@Schema(name = "ChangeList")
public record ChangeList(
        List<ChangeJson> items,
        @Schema(description = "Pass as since for the next page; also when the page is empty (nothing new yet)")
        String nextCursor,
        @Schema(description = "True when more changes follow at once") boolean hasMore) {
}
