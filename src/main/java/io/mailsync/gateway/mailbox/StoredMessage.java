package io.mailsync.gateway.mailbox;

import java.util.List;

/**
 * A message as the mirror holds it: the summary, the Cc list, where to fetch it upstream, and a
 * tag that changes whenever anything the mirror knows of it changes (used as the detail's ETag;
 * the content itself never changes for one upstream location).
 */
public record StoredMessage(MessageSummary summary, List<Address> cc, MessageLocation location, String stateTag) {
    public StoredMessage {
        cc = cc == null ? List.of() : List.copyOf(cc);
    }
}
