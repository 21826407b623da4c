package io.mailsync.gateway.api.http;

import java.util.UUID;

/**
 * Who is calling: the operator, or a device bound to one account; {@code pop} when that device is in
 * POP3 mode (the message endpoints then answer from its own maildrop).
 */
public record Caller(boolean operator, UUID accountId, UUID deviceId, boolean pop) {
    public static final Caller OPERATOR = new Caller(true, null, null, false);

    public static Caller device(UUID accountId, UUID deviceId) {
        return new Caller(false, accountId, deviceId, false);
    }

    public static Caller popDevice(UUID accountId, UUID deviceId) {
        return new Caller(false, accountId, deviceId, true);
    }

    /** Whether this caller may see the account; other accounts answer 404, never 403. */
    public boolean canReach(UUID account) {
        return operator || account.equals(accountId);
    }
}
