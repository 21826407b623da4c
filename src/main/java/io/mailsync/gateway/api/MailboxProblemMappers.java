package io.mailsync.gateway.api;

import io.mailsync.gateway.mailbox.MessageUnavailableException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers when the mirror is ahead of the upstream server: 404 when the message or part is gone
 * there, 409 when its folder was reset (UIDVALIDITY changed) and its ids are being replaced.
 * Upstream failures themselves are mapped by {@link ProblemMappers}.
 */
public class MailboxProblemMappers {

    @ServerExceptionMapper
    public Response unavailable(MessageUnavailableException e) {
        ProblemType type = switch (e.reason()) {
            case GONE -> ProblemType.NOT_FOUND;
            case FOLDER_RESET -> ProblemType.CONFLICT;
        };
        return ProblemMappers.response(Problem.of(type, e.getMessage()));
    }
}
