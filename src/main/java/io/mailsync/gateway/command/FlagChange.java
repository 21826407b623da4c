package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.MailboxView;
import io.mailsync.gateway.mailbox.MessageFlags;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a command does to messages' flags: {@code seen} and {@code flagged} set or clear when not null;
 * keywords are either replaced ({@code replaceKeywords}) or added and removed. Every keyword is an
 * IMAP atom (checked here), so none can carry a line break or a quote into a command.
 */
public record FlagChange(Boolean seen, Boolean flagged, Set<String> addKeywords, Set<String> removeKeywords,
                         Set<String> replaceKeywords) {

    public FlagChange {
        addKeywords = checked(addKeywords);
        removeKeywords = checked(removeKeywords);
        replaceKeywords = replaceKeywords == null ? null : checked(replaceKeywords);
        if (replaceKeywords != null && (!addKeywords.isEmpty() || !removeKeywords.isEmpty())) {
            throw new IllegalArgumentException("keywords are either replaced or added and removed");
        }
        TreeSet<String> both = new TreeSet<>(addKeywords);
        both.retainAll(removeKeywords);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("a keyword cannot be added and removed at once: " + both.first());
        }
    }

    /**
     * The flag part of a change as a caller asks it; a keyword that is not an IMAP atom, or keywords both replaced
     * and changed, are refused as an invalid {@code keywords} field.
     */
    public static FlagChange of(MailboxView.MessageChange change) {
        try {
            return new FlagChange(change.seen(), change.flagged(), set(change.addKeywords()),
                    set(change.removeKeywords()), set(change.keywords()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CommandRefused(CommandRefused.Reason.INVALID, "keywords",
                    e.getMessage() == null ? "must not contain null" : e.getMessage());
        }
    }

    private static Set<String> set(Collection<String> values) {
        return values == null ? null : new HashSet<>(values);
    }

    private static Set<String> checked(Set<String> keywords) {
        if (keywords == null) {
            return Set.of();
        }
        for (String keyword : keywords) {
            if (!MessageFlags.isValidKeyword(keyword)) {
                throw new IllegalArgumentException("not an IMAP keyword (1 to " + MessageFlags.MAX_KEYWORD_LENGTH
                        + " printable ASCII characters without spaces or ( ) { % * \" \\ ]): " + safe(keyword));
            }
        }
        return Set.copyOf(keywords);
    }

    private static String safe(String keyword) {
        if (keyword == null) {
            return "null";
        }
        String clean = keyword.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    public boolean isEmpty() {
        return seen == null && flagged == null && addKeywords.isEmpty() && removeKeywords.isEmpty()
                && replaceKeywords == null;
    }

    /** The state a message with {@code before} has after this change. */
    public MessageFlags applyTo(MessageFlags before) {
        MessageFlags after = before;
        if (seen != null) {
            after = after.withSeen(seen);
        }
        if (flagged != null) {
            after = after.withFlagged(flagged);
        }
        if (replaceKeywords != null) {
            after = after.withKeywords(replaceKeywords);
        } else if (!addKeywords.isEmpty() || !removeKeywords.isEmpty()) {
            Set<String> keywords = new TreeSet<>(after.keywords());
            keywords.addAll(addKeywords);
            keywords.removeAll(removeKeywords);
            after = after.withKeywords(keywords);
        }
        return after;
    }
}
