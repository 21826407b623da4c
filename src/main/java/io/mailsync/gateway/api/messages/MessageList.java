package io.mailsync.gateway.api.messages;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of messages, newest first. */
@Schema(name = "MessageList")
public record MessageList(List<MessageSummaryJson> items,
                          @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last page")
                          String nextCursor) {
}
