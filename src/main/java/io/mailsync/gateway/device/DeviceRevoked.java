package io.mailsync.gateway.device;

import java.util.UUID;

/** Fired when a device is revoked; observed after commit so caches forget its token at once. */
public record DeviceRevoked(UUID deviceId, UUID accountId) {
}
