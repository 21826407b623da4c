package io.mailsync.gateway.api.http;

/** The kinds of problem the API answers with; the slug ends the problem's type URI. */
public enum ProblemType {
    VALIDATION("validation", "Invalid request", 400),
    MALFORMED("malformed-request", "Malformed request", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", "Request with this Idempotency-Key in progress", 409),
    CURSOR_EXPIRED("cursor-expired", "Cursor expired", 410),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    UPSTREAM_AUTH_FAILED("upstream-auth-failed", "Upstream login failed", 422),
    UPSTREAM_HOST_REFUSED("upstream-host-refused", "Upstream host not allowed", 422),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key used for another request", 422),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    UPSTREAM_FAILED("upstream-failed", "Upstream server refused", 502),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "Upstream server unavailable", 503),
    UPSTREAM_TIMEOUT("upstream-timeout", "Upstream server timed out", 504);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
