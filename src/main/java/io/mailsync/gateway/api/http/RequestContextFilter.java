package io.mailsync.gateway.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Tags every log line written while a request is served with its request id and account id (MDC fields
 * {@code requestId} and {@code accountId}, JSON fields in production), and echoes the request id in
 * {@code X-Request-Id} so that a client's report can be matched with the gateway's log.
 */
public class RequestContextFilter {

    /** Request and response header carrying the request id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String REQUEST_ID = "requestId";
    static final String ACCOUNT_ID = "accountId";

    /** A caller's id is kept only when it is short and plain, so nothing it sends can forge a log line. */
    private static final Pattern ACCEPTED_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String PROPERTY = RequestContextFilter.class.getName() + ".requestId";

    /** Runs before authentication, so that refused requests carry their id too. */
    @ServerRequestFilter(preMatching = true, priority = 500)
    public void tagRequest(ContainerRequestContext request) {
        String offered = request.getHeaderString(REQUEST_ID_HEADER);
        String requestId = offered != null && ACCEPTED_REQUEST_ID.matcher(offered).matches()
                ? offered
                : newRequestId();
        request.setProperty(PROPERTY, requestId);
        MDC.put(REQUEST_ID, requestId);
        MDC.remove(ACCOUNT_ID);
    }

    /** After routing: the path's account id, when it is one (a malformed id answers 404 elsewhere). */
    @ServerRequestFilter(priority = 500)
    public void tagAccount(ContainerRequestContext request) {
        String accountId = request.getUriInfo().getPathParameters().getFirst(ACCOUNT_ID);
        if (accountId != null && isUuid(accountId)) {
            MDC.put(ACCOUNT_ID, accountId);
        }
    }

    @ServerResponseFilter
    public void echoAndClear(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PROPERTY) instanceof String requestId) {
            response.getHeaders().putSingle(REQUEST_ID_HEADER, requestId);
        }
        MDC.remove(REQUEST_ID);
        MDC.remove(ACCOUNT_ID);
    }

    /**
     * A random version-4 UUID for a request that brought no id of its own. It only tells log lines apart, so it comes
     * from the thread's own generator rather than the shared secure one every request would queue for.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
