package io.mailsync.gateway.api;

/** The {@code limit} of every list endpoint: 50 when absent, 1 to 200 when given, 400 otherwise. */
final class PageLimit {
    static final int DEFAULT = 50;
    static final int MAX = 200;

    private PageLimit() {
    }

    static int parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX);
    }
}
