package io.mailsync.gateway.mailbox;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of a message that every IMAP device shares: system flags and user keywords.
 * Keywords are kept sorted so that two equal states compare equal.
 */
public record MessageFlags(boolean seen, boolean flagged, boolean answered, boolean draft, boolean deleted,
                           Set<String> keywords) {

    public static final MessageFlags NONE = new MessageFlags(false, false, false, false, false, Set.of());

    /** Longest keyword accepted, from upstream or from a device. */
    public static final int MAX_KEYWORD_LENGTH = 100;

    public MessageFlags {
        keywords = keywords == null ? Set.of() : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(keywords));
        for (String keyword : keywords) {
            if (!isValidKeyword(keyword)) {
                throw new IllegalArgumentException("not an IMAP keyword: " + keyword);
            }
        }
    }

    /** An IMAP atom (RFC 3501 flag-keyword): printable ASCII without specials, not a system flag. */
    public static boolean isValidKeyword(String keyword) {
        if (keyword == null || keyword.isEmpty() || keyword.length() > MAX_KEYWORD_LENGTH) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    public MessageFlags withSeen(boolean value) {
        return new MessageFlags(value, flagged, answered, draft, deleted, keywords);
    }

    public MessageFlags withFlagged(boolean value) {
        return new MessageFlags(seen, value, answered, draft, deleted, keywords);
    }

    public MessageFlags withKeywords(Collection<String> value) {
        return new MessageFlags(seen, flagged, answered, draft, deleted, Set.copyOf(value));
    }

    /** Keywords as one space-separated string, the way the mirror stores them. */
    public String keywordsJoined() {
        return String.join(" ", keywords);
    }

    public static Set<String> splitKeywords(String joined) {
        if (joined == null || joined.isBlank()) {
            return Set.of();
        }
        return Set.of(joined.trim().split(" +"));
    }
}
