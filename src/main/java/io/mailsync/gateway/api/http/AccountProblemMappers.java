package io.mailsync.gateway.api.http;

import io.mailsync.gateway.account.AccountNotFound;
import io.mailsync.gateway.account.LoginAlreadyRegistered;
import io.mailsync.gateway.account.UnknownCursor;
import io.mailsync.gateway.account.UpstreamHostRefused;
import io.mailsync.gateway.device.DeviceLimitReached;
import io.mailsync.gateway.device.MixedModeRefused;
import io.mailsync.gateway.device.ModeChangeRefused;
import io.mailsync.gateway.device.Pop3PolicyOnImapDevice;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers what the account and device services refuse, in their words: 404 for an account that is not there,
 * 409 for a request at odds with what the account already has, 422 for a host the gateway must not connect to,
 * 400 naming the input. Where that input stands in a request (its field path) is the API's to say.
 */
public class AccountProblemMappers {

    @ServerExceptionMapper
    public Response accountNotFound(AccountNotFound e) {
        return ProblemMappers.response(Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
    }

    @ServerExceptionMapper({LoginAlreadyRegistered.class, DeviceLimitReached.class, ModeChangeRefused.class,
            MixedModeRefused.class})
    public Response conflict(RuntimeException e) {
        return ProblemMappers.response(Problem.of(ProblemType.CONFLICT, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response upstreamHostRefused(UpstreamHostRefused e) {
        return ProblemMappers.response(Problem.of(ProblemType.UPSTREAM_HOST_REFUSED, e.getMessage()));
    }

    /** The account list's {@code cursor} query parameter. */
    @ServerExceptionMapper
    public Response unknownCursor(UnknownCursor e) {
        return ProblemMappers.response(Problem.invalidField("cursor", e.getMessage()));
    }

    /** The {@code pop3Policy} field of a device's re-configuration. */
    @ServerExceptionMapper
    public Response pop3PolicyOnImapDevice(Pop3PolicyOnImapDevice e) {
        return ProblemMappers.response(Problem.invalidField("pop3Policy", e.getMessage()));
    }
}
