package io.mailsync.gateway.api.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mailsync.gateway.mailbox.BatchResult;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a batch did, message by message. */
@Schema(name = "BatchResult", description = """
        Per-message outcome of a batch, in request order. done: changed upstream and in the mirror; \
        not-found: not a message of this account; failed: its folder's upstream command was refused or \
        timed out, nothing changed for it (retry those ids).""")
public record BatchResultJson(List<Item> items, int done, int failed, int notFound) {

    /** One message's outcome. */
    @Schema(name = "BatchItem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(UUID id,
                       @Schema(enumeration = {"done", "not-found", "failed"}) String status,
                       @Schema(nullable = true, description = "Why it failed: the upstream server's reason") String detail,
                       @Schema(nullable = true, description = "The HTTP status a single request would have got")
                       Integer problemStatus) {
    }

    static BatchResultJson of(BatchResult result) {
        List<Item> items = result.items().stream().map(i -> new Item(i.id(),
                i.status().name().toLowerCase(Locale.ROOT).replace('_', '-'), i.reason(), status(i))).toList();
        int done = (int) items.stream().filter(i -> "done".equals(i.status())).count();
        int failed = (int) items.stream().filter(i -> "failed".equals(i.status())).count();
        return new BatchResultJson(items, done, failed, items.size() - done - failed);
    }

    private static Integer status(BatchResult.Item item) {
        if (item.failure() == null) {
            return item.status() == BatchResult.Status.NOT_FOUND ? Integer.valueOf(404) : null;
        }
        return switch (item.failure()) {
            case REFUSED -> 502;
            case TIMEOUT -> 504;
            case UNAVAILABLE -> 503;
            case CONFLICT -> 409;
        };
    }
}
