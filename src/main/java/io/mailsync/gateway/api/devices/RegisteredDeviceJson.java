package io.mailsync.gateway.api.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mailsync.gateway.device.DeviceMode;
import io.mailsync.gateway.device.RegisteredDevice;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a registration: the device and its token, which no later answer shows again. */
@Schema(name = "RegisteredDevice")
public record RegisteredDeviceJson(
        UUID id,
        UUID accountId,
        String name,
        String platform,
        DeviceMode mode,
        @JsonInclude(JsonInclude.Include.NON_NULL) DeviceJson.PolicyJson pop3Policy,
        boolean acceptMixedModeRisk,
        Instant createdAt,
        @Schema(description = "Bearer token of the device (and its POP3 password); shown only here, store it now")
        String token) {

    static RegisteredDeviceJson of(RegisteredDevice registered) {
        DeviceJson d = DeviceJson.of(registered.device());
        return new RegisteredDeviceJson(d.id(), registered.device().accountId(), d.name(), d.platform(), d.mode(),
                d.pop3Policy(), d.acceptMixedModeRisk(), d.createdAt(), registered.token());
    }

    @Override
    public String toString() {
        return "RegisteredDeviceJson[id=" + id + ", token=***]";
    }
}
