package io.mailsync.gateway.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One message of the mirror as a list shows it.
 *
 * <p>A message id is stable for the life of the message in its folder. A move seen upstream yields
 * a new id (the message is destroyed in the old folder and created in the new one), unless the
 * gateway made the move itself; a UIDVALIDITY change replaces every id of that folder (one
 * {@code folder.reset} change).
 */
public record MessageSummary(UUID id, UUID folderId, String subject, Address from, List<Address> to,
                             Instant sentAt, Instant receivedAt, boolean seen, boolean flagged,
                             boolean answered, boolean draft, Set<String> keywords, long size,
                             boolean hasAttachments, String preview) {
    public MessageSummary {
        to = to == null ? List.of() : List.copyOf(to);
        keywords = keywords == null ? Set.of() : keywords;
    }

    /** The date people expect to see: the Date header, or the arrival time when it has none. */
    public Instant date() {
        return sentAt != null ? sentAt : receivedAt;
    }
}
