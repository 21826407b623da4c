package io.mailsync.gateway.mailbox;

import java.util.UUID;

/**
 * Who caused a change: the upstream server ({@code upstream}), one of the account's devices
 * ({@code device:{deviceId}}), or the operator acting through the API with the operator token
 * ({@code operator}), e.g. a support tool or a test.
 */
public record Origin(String value) {
    public static final Origin UPSTREAM = new Origin("upstream");
    public static final Origin OPERATOR = new Origin("operator");

    public Origin {
        if (!value.equals("upstream") && !value.equals("operator") && !value.startsWith("device:")) {
            throw new IllegalArgumentException("unknown origin: " + value);
        }
    }

    public static Origin device(UUID deviceId) {
        return new Origin("device:" + deviceId);
    }
}
