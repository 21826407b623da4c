package io.mailsync.gateway.pop3;

import java.time.Instant;
import java.util.UUID;

/**
 * A message a maildrop can be fed from: a message of the IMAP mirror's INBOX ({@code mirrorMessageId}),
 * or one listed by the account's upstream POP3 server ({@code uidl}); exactly one of the two is set.
 */
public record SourceMessage(UUID mirrorMessageId, String uidl, String messageIdHeader, String subject,
        String from, long size, Instant receivedAt) {
    public SourceMessage {
        if ((mirrorMessageId == null) == (uidl == null)) {
            throw new IllegalArgumentException("exactly one of mirrorMessageId and uidl is required");
        }
        if (uidl != null && !Uidl.valid(uidl)) {
            throw new IllegalArgumentException("not a UIDL");
        }
    }

    /** The key that identifies the message at its source. */
    public String reference() {
        return mirrorMessageId != null ? mirrorMessageId.toString() : uidl;
    }
}
