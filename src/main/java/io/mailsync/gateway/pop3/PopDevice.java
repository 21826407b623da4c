package io.mailsync.gateway.pop3;

import java.util.UUID;

/** A device registered in POP3 mode, as the POP model needs it: whose maildrop, and its server policy. */
public record PopDevice(UUID id, UUID accountId, String name, ServerPolicy policy) {
    public PopDevice {
        if (id == null || accountId == null || policy == null) {
            throw new IllegalArgumentException("id, accountId and policy are required");
        }
    }
}
