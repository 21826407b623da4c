package io.mailsync.gateway.pop3;

import java.time.Instant;
import java.util.UUID;

/**
 * One message of a POP device's maildrop and that device's own state of it: downloaded or not, read,
 * its local folder, deleted by the device, and whether the server copy is gone because of POP.
 */
public record MaildropMessage(UUID id, UUID deviceId, UUID mirrorMessageId, String upstreamUidl,
        String messageIdHeader, String subject, String from, long size, Instant receivedAt, Instant downloadedAt,
        boolean seen, String folder, boolean deleted, Instant serverDeletedAt, boolean flagged) {

    public boolean downloaded() {
        return downloadedAt != null;
    }

    /**
     * The entity tag of what the device shows of this message (read, flagged, folder), as REST gives it
     * in ETag: a download alone does not change it.
     */
    public String stateTag() {
        String state = id + "|" + seen + "|" + flagged + "|" + folder;
        return "pop-" + java.util.HexFormat.of().formatHex(sha256(state), 0, 12);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The POP3 unique id the device sees: stable for the life of the entry, 32 printable characters. */
    public String uidl() {
        return id.toString().replace("-", "");
    }
}
