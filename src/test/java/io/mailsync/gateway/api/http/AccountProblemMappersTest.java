package io.mailsync.gateway.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.account.AccountNotFound;
import io.mailsync.gateway.account.LoginAlreadyRegistered;
import io.mailsync.gateway.account.UnknownCursor;
import io.mailsync.gateway.account.UpstreamHostRefused;
import io.mailsync.gateway.device.DeviceLimitReached;
import io.mailsync.gateway.device.DeviceMode;
import io.mailsync.gateway.device.MixedModeRefused;
import io.mailsync.gateway.device.ModeChangeRefused;
import io.mailsync.gateway.device.Pop3PolicyOnImapDevice;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the account and device services refuse reaches clients as the same problems, word for word. */
class AccountProblemMappersTest {

    private static final String TYPES = "https://mailsync.io/problems/";
    private final AccountProblemMappers mappers = new AccountProblemMappers();

    @Test
    void anAccountThatIsNotThereIsNotFound() {
        assertAnswer(new Problem(TYPES + "not-found", "Not found", 404, "account not found", null),
                mappers.accountNotFound(new AccountNotFound()));
    }

    @Test
    void requestsAtOddsWithTheAccountAreConflicts() {
        assertAnswer(new Problem(TYPES + "conflict", "Conflict", 409,
                        "an account with this username on this IMAP host and port is already registered", null),
                mappers.conflict(new LoginAlreadyRegistered()));
        assertAnswer(new Problem(TYPES + "conflict", "Conflict", 409,
                        "the account already has 20 devices; revoke one before registering another", null),
                mappers.conflict(new DeviceLimitReached(20)));
        assertAnswer(new Problem(TYPES + "conflict", "Conflict", 409,
                        "a device keeps the mode it was registered with (IMAP): its state cannot be carried over to "
                                + "POP3; register a new device in that mode and revoke this one", null),
                mappers.conflict(new ModeChangeRefused(DeviceMode.IMAP, DeviceMode.POP3)));
        assertAnswer(new Problem(TYPES + "conflict", "Conflict", 409, "they would lose every message", null),
                mappers.conflict(new MixedModeRefused("they would lose every message")));
    }

    @Test
    void aRefusedHostIsUnprocessable() {
        assertAnswer(new Problem(TYPES + "upstream-host-refused", "Upstream host not allowed", 422,
                        "imap.host resolves to a private address", null),
                mappers.upstreamHostRefused(new UpstreamHostRefused("imap.host resolves to a private address")));
    }

    @Test
    void invalidInputsAreNamedByTheirFieldPath() {
        assertAnswer(new Problem(TYPES + "validation", "Invalid request", 400,
                        "cursor: is not a cursor this API issued",
                        List.of(new Problem.FieldError("cursor", "is not a cursor this API issued"))),
                mappers.unknownCursor(new UnknownCursor()));
        assertAnswer(new Problem(TYPES + "validation", "Invalid request", 400, "pop3Policy: is only for POP3 devices",
                        List.of(new Problem.FieldError("pop3Policy", "is only for POP3 devices"))),
                mappers.pop3PolicyOnImapDevice(new Pop3PolicyOnImapDevice()));
    }

    private static void assertAnswer(Problem expected, Response response) {
        assertEquals(expected.status(), response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals(expected, response.getEntity());
    }
}
