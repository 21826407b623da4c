package io.mailsync.gateway.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * What the mirror keeps of one upstream message: envelope, flags and size; never the body.
 * {@code preview} is a short plain-text start of the body when it came cheaply, otherwise null.
 */
public record MessageMeta(Uid uid, ModSeq modSeq, MessageFlags flags, String messageId, String subject,
                          Address from, List<Address> to, List<Address> cc, Instant sentAt, Instant receivedAt,
                          long size, boolean hasAttachments, String preview) {
    public MessageMeta {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        modSeq = modSeq == null ? ModSeq.NONE : modSeq;
        flags = flags == null ? MessageFlags.NONE : flags;
    }
}
