package io.mailsync.gateway.api.http;

/** The {@code limit} of every list endpoint: a default when absent, 1 to a maximum when given, 400 otherwise. */
public final class PageLimit {
    public static final int DEFAULT = 50;
    public static final int MAX = 200;

    private PageLimit() {
    }

    /** The limit of the plain lists: 50 by default, at most 200. */
    public static int parse(String raw) {
        return parse(raw, DEFAULT, MAX);
    }

    /** The limit of a list with its own bounds (the changes feed, the comparison). */
    public static int parse(String raw, int defaultLimit, int max) {
        if (raw == null || raw.isEmpty()) {
            return Math.min(defaultLimit, max);
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + max);
    }
}
