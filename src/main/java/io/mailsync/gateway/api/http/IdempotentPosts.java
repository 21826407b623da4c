package io.mailsync.gateway.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.idempotency.IdempotencyKeys;
import io.mailsync.gateway.idempotency.KeyClaim;
import io.mailsync.gateway.idempotency.StoredAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} contract of every POST: the first request with a key acts and its 2xx answer
 * is stored; a retry with the same key and the same request gets that answer again (marked
 * {@code Idempotent-Replayed: true}) without acting; the same key with another request answers 422; a
 * retry while the first is still running answers 409 with Retry-After. A request that fails (4xx, 5xx)
 * gives its key back, so a retry acts. Keys are per caller (operator or device) and kept for
 * {@code mailsync.commands.idempotency-retention}.
 */
@ApplicationScoped
public class IdempotentPosts {

    public static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY = 255;

    private final IdempotencyKeys keys;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    IdempotentPosts(IdempotencyKeys keys, CurrentCaller caller, ObjectMapper json) {
        this.keys = keys;
        this.caller = caller;
        this.json = json;
    }

    /**
     * Runs {@code action} once per key.
     *
     * @param key the header value, or null to act without the contract
     * @param route what is asked (method and path) so that a key reused on another resource is refused
     * @param body the request body as received (null when there is none)
     */
    public Response run(String key, String route, Object body, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isEmpty() || key.length() > MAX_KEY || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY
                    + " printable ASCII characters, e.g. a UUID");
        }
        String who = who();
        KeyClaim claim = keys.claim(who, key, fingerprint(route, body));
        switch (claim.state()) {
            case REPLAY -> {
                return replay(claim.answer());
            }
            case MISMATCH -> throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
            case IN_FLIGHT -> throw new RetryLater(Problem.of(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "the first request with this Idempotency-Key is still being processed; retry shortly"));
            case ABANDONED -> throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "the first request with this Idempotency-Key never completed and its outcome is unknown; "
                            + "check the mailbox, then use a new key");
            case CLAIMED -> {
            }
            default -> throw new IllegalStateException("unhandled claim " + claim.state());
        }
        Response response;
        try {
            response = action.get();
        } catch (RuntimeException | Error e) {
            keys.release(who, key);
            throw e;
        }
        if (response.getStatus() < 200 || response.getStatus() > 299) {
            keys.release(who, key);
            return response;
        }
        keys.complete(who, key, store(response));
        return response;
    }

    /** A 409 that tells the client when to retry. */
    static final class RetryLater extends ProblemException {
        RetryLater(Problem problem) {
            super(problem);
        }
    }

    private String who() {
        Caller current = caller.get();
        return current.operator() ? "operator" : "device:" + current.deviceId();
    }

    private String fingerprint(String route, Object body) {
        try {
            String text = route + "\n" + (body == null ? "" : json.writeValueAsString(body));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    private StoredAnswer store(Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : new String[] {HttpHeaders.LOCATION, HttpHeaders.ETAG}) {
            Object value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value.toString());
            }
        }
        String body = null;
        Object entity = response.getEntity();
        if (entity != null) {
            try {
                body = entity instanceof String s ? s : json.writeValueAsString(entity);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot store the answer", e);
            }
        }
        return new StoredAnswer(response.getStatus(), headers, body);
    }

    private static Response replay(StoredAnswer answer) {
        Response.ResponseBuilder builder = Response.status(answer.status()).header(REPLAYED, "true");
        answer.headers().forEach(builder::header);
        if (answer.body() != null) {
            builder.entity(answer.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return builder.build();
    }
}
