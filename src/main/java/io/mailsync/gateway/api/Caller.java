package io.mailsync.gateway.api;

import java.util.UUID;

/** Who is calling: the operator, or a device bound to one account. */
public record Caller(boolean operator, UUID accountId, UUID deviceId) {
    public static final Caller OPERATOR = new Caller(true, null, null);

    public static Caller device(UUID accountId, UUID deviceId) {
        return new Caller(false, accountId, deviceId);
    }

    /** Whether this caller may see the account; other accounts answer 404, never 403. */
    public boolean canReach(UUID account) {
        return operator || account.equals(accountId);
    }
}
