package io.mailsync.gateway.api.http;

import java.util.UUID;

/** Reads ids from request paths: a malformed id names nothing, so it answers 404 like an unknown one. */
public final class PathIds {
    private PathIds() {
    }

    public static UUID parse(String text, String what) {
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
