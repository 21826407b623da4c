package io.mailsync.gateway.device;

import java.util.UUID;

/** Who a valid device token belongs to: what the REST API and the POP3 listener need to serve it. */
public record AuthenticatedDevice(UUID deviceId, UUID accountId, DeviceMode mode) {
}
