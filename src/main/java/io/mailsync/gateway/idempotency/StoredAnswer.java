package io.mailsync.gateway.idempotency;

import java.util.Map;

/** The answer given to the first request with a key: replayed as it was to every retry. */
public record StoredAnswer(int status, Map<String, String> headers, String body) {
    public StoredAnswer {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
