package io.mailsync.gateway.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * What an upstream message says, fetched on demand: decoded envelope, headers, text and HTML
 * bodies (each possibly null, capped in size) and the list of attachments (never their bytes).
 */
public record MessageContent(String subject, Address from, List<Address> to, List<Address> cc, Instant sentAt,
                             List<MessageHeader> headers, BodyText text, BodyText html,
                             List<AttachmentPart> attachments) {
    public MessageContent {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        headers = headers == null ? List.of() : List.copyOf(headers);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
