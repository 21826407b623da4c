package io.mailsync.gateway.mailbox;

import java.util.UUID;

/**
 * Which messages of an account a list asks for; null filters do not filter. {@code text} matches
 * subject, sender name and sender address as a case-insensitive substring.
 */
public record MessageQuery(UUID folderId, Boolean unread, Boolean flagged, String text, int limit,
                           MessageCursor after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final int MAX_TEXT_LENGTH = 200;

    public MessageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (text != null && (text.isEmpty() || text.length() > MAX_TEXT_LENGTH)) {
            throw new IllegalArgumentException("text must have 1 to " + MAX_TEXT_LENGTH + " characters");
        }
    }
}
