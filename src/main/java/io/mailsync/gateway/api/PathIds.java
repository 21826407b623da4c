package io.mailsync.gateway.api;

import java.util.UUID;

/** Reads ids from request paths: a malformed id names nothing, so it answers 404 like an unknown one. */
final class PathIds {
    private PathIds() {
    }

    static UUID parse(String text, String what) {
        if (text == null || text.length() != 36) {
            throw ProblemException.notFound(what);
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what);
        }
    }
}
