package io.mailsync.gateway.mailbox;

import java.util.UUID;

/** Who caused a change: the upstream server, or one of the account's devices. */
public record Origin(String value) {
    public static final Origin UPSTREAM = new Origin("upstream");

    public Origin {
        if (!value.equals("upstream") && !value.startsWith("device:")) {
            throw new IllegalArgumentException("unknown origin: " + value);
        }
    }

    public static Origin device(UUID deviceId) {
        return new Origin("device:" + deviceId);
    }
}
