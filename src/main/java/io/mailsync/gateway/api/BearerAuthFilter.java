package io.mailsync.gateway.api;

import io.mailsync.gateway.config.MailsyncConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Authenticates every {@code /api/} request by its bearer token. */
public class BearerAuthFilter {

    private final byte[] operatorToken;
    private final CurrentCaller currentCaller;

    BearerAuthFilter(MailsyncConfig config, CurrentCaller currentCaller) {
        this.operatorToken = config.operatorToken().getBytes(StandardCharsets.UTF_8);
        this.currentCaller = currentCaller;
    }

    @ServerRequestFilter(preMatching = true, priority = 1000)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(unauthorized("send Authorization: Bearer <token>"));
        }
        byte[] token = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(token, operatorToken)) {
            currentCaller.set(Caller.OPERATOR);
            return Optional.empty();
        }
        return Optional.of(unauthorized("the token is unknown or revoked"));
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMappers.response(Problem.of(ProblemType.UNAUTHORIZED, detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mailsync\"")
                .build();
    }
}
