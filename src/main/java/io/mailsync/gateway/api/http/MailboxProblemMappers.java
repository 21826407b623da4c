package io.mailsync.gateway.api.http;

import io.mailsync.gateway.mailbox.MailboxRefused;
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

    /** What the mailbox cannot do as asked (commands included): 404, 412 (stale If-Match), 409, or 400 with its field. */
    @ServerExceptionMapper
    public Response refused(MailboxRefused e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ProblemMappers.response(Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
            case STALE -> ProblemMappers.response(Problem.of(ProblemType.PRECONDITION_FAILED, e.getMessage()));
            case CONFLICT -> ProblemMappers.response(Problem.of(ProblemType.CONFLICT, e.getMessage()));
            case INVALID -> {
                String field = e.field() == null ? "body" : e.field();
                yield ProblemMappers.response(Problem.invalidField(field, e.getMessage()));
            }
        };
    }
}
