package io.mailsync.gateway.device;

import java.time.Instant;
import java.util.UUID;

/** A registered device as the rest of the gateway sees it; never its token or the token's hash. */
public record Device(UUID id, UUID accountId, String name, String platform, DeviceMode mode, Pop3Policy pop3Policy,
                     boolean acceptMixedModeRisk, Instant createdAt, Instant lastActivityAt, Long lastCursorSequence) {
}
