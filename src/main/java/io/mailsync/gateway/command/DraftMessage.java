package io.mailsync.gateway.command;

import java.util.List;

/**
 * A draft as a device writes it. Addresses are plain {@code name <address>} or {@code address} strings,
 * subject and addresses free of line breaks (checked by the API), bodies bounded. {@code messageId} is
 * the Message-ID the gateway gives the draft (kept when it is replaced, so a send can be found in Sent).
 */
public record DraftMessage(String from, List<String> to, List<String> cc, List<String> bcc, String subject,
                           String textBody, String htmlBody, String inReplyTo, String messageId) {
    public DraftMessage {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
    }
}
