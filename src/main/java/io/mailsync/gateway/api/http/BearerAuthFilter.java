package io.mailsync.gateway.api.http;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.device.AuthenticatedDevice;
import io.mailsync.gateway.device.DeviceMode;
import io.mailsync.gateway.device.DeviceTokens;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api/} request by its bearer token: the operator token, or a device token.
 * Runs after matching, on the thread of the endpoint (device lookups may reach the database), and before
 * the body is read: a device is refused (404) on any path that is not under its own account, whatever the
 * endpoint and its body. Device and unknown tokens are rate-limited per token (429 with Retry-After).
 */
public class BearerAuthFilter {

    private static final String ACCOUNT_PARAMETER = "accountId";

    private final byte[] operatorToken;
    private final CurrentCaller currentCaller;
    private final DeviceTokens deviceTokens;
    private final TokenBuckets buckets;

    BearerAuthFilter(MailsyncConfig config, CurrentCaller currentCaller, DeviceTokens deviceTokens,
                     TokenBuckets buckets) {
        this.operatorToken = config.operatorToken().getBytes(StandardCharsets.UTF_8);
        this.currentCaller = currentCaller;
        this.deviceTokens = deviceTokens;
        this.buckets = buckets;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(unauthorized("send Authorization: Bearer <token>"));
        }
        String text = header.substring(7).trim();
        byte[] token = text.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(token, operatorToken)) {
            // the operator is the product's own backend: not limited here
            currentCaller.set(Caller.OPERATOR);
            return Optional.empty();
        }
        long waitNanos = buckets.take(HexFormat.of().formatHex(sha256(token)));
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            return Optional.of(Response.fromResponse(ProblemMappers.response(Problem.of(ProblemType.TOO_MANY_REQUESTS,
                            "this token sends requests too fast; retry after " + seconds + " s")))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build());
        }
        Optional<AuthenticatedDevice> device = deviceTokens.authenticate(text);
        if (device.isEmpty()) {
            return Optional.of(unauthorized("the token is unknown or revoked"));
        }
        AuthenticatedDevice who = device.get();
        if (!isOwnAccount(request, who.accountId())) {
            return Optional.of(ProblemMappers.response(Problem.of(ProblemType.NOT_FOUND, "resource not found")));
        }
        currentCaller.set(who.mode() == DeviceMode.POP3 ? Caller.popDevice(who.accountId(), who.deviceId())
                : Caller.device(who.accountId(), who.deviceId()));
        deviceTokens.recordActivity(who.deviceId());
        return Optional.empty();
    }

    /** Devices live under their account: every path they may use names it, and it must be theirs. */
    private static boolean isOwnAccount(ContainerRequestContext request, UUID own) {
        String account = request.getUriInfo().getPathParameters().getFirst(ACCOUNT_PARAMETER);
        if (account == null || account.length() != 36) {
            return false;
        }
        try {
            return own.equals(UUID.fromString(account));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMappers.response(Problem.of(ProblemType.UNAUTHORIZED, detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mailsync\"")
                .build();
    }
}
