package io.mailsync.gateway.mailbox;

import java.util.List;

/** One page of a message list, and where the next one starts (null on the last page). */
public record MessagePage(List<MessageSummary> items, MessageCursor next) {
    public MessagePage {
        items = List.copyOf(items);
    }
}
