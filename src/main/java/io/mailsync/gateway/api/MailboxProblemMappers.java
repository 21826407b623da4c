package io.mailsync.gateway.api;

import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers for what the upstream server did: 502 when it refused or could not be reached, 504 when
 * it timed out, 422 when it refused the stored login; 404 or 409 when the mirror is ahead of it.
 */
public class MailboxProblemMappers {

    private static final Logger LOG = Logger.getLogger(MailboxProblemMappers.class);

    @ServerExceptionMapper
    public Response upstream(UpstreamException e) {
        LOG.infof("upstream failure (%s): %s", e.kind(), e.reason());
        ProblemType type = switch (e.kind()) {
            case TIMEOUT -> ProblemType.UPSTREAM_TIMEOUT;
            case AUTH_FAILED -> ProblemType.UPSTREAM_AUTH_FAILED;
            case REFUSED, UNREACHABLE -> ProblemType.UPSTREAM_FAILED;
        };
        return ProblemMappers.response(Problem.of(type, e.reason()));
    }

    @ServerExceptionMapper
    public Response unavailable(MessageUnavailableException e) {
        ProblemType type = switch (e.reason()) {
            case GONE -> ProblemType.NOT_FOUND;
            case FOLDER_RESET -> ProblemType.CONFLICT;
        };
        return ProblemMappers.response(Problem.of(type, e.getMessage()));
    }
}
