package io.mailsync.gateway.pop3;

import java.time.Instant;
import java.util.UUID;

/**
 * One message of a POP device's maildrop and that device's own state of it: downloaded or not, read,
 * its local folder, deleted by the device, and whether the server copy is gone because of POP.
 */
public record MaildropMessage(UUID id, UUID deviceId, UUID mirrorMessageId, String upstreamUidl,
        String messageIdHeader, String subject, String from, long size, Instant receivedAt, Instant downloadedAt,
        boolean seen, String folder, boolean deleted, Instant serverDeletedAt) {

    public boolean downloaded() {
        return downloadedAt != null;
    }

    /** The POP3 unique id the device sees: stable for the life of the entry, 32 printable characters. */
    public String uidl() {
        return id.toString().replace("-", "");
    }
}
