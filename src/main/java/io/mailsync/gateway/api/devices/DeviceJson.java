package io.mailsync.gateway.api.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mailsync.gateway.changes.ChangeCursor;
import io.mailsync.gateway.device.Device;
import io.mailsync.gateway.device.DeviceMode;
import io.mailsync.gateway.device.Pop3DeletePolicy;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A device as the API shows it: never its token. */
@Schema(name = "Device")
public record DeviceJson(
        UUID id,
        String name,
        String platform,
        DeviceMode mode,
        @JsonInclude(JsonInclude.Include.NON_NULL) PolicyJson pop3Policy,
        boolean acceptMixedModeRisk,
        Instant createdAt,
        @Schema(nullable = true, description = "Last authenticated request, to within a minute") Instant lastActivityAt,
        @Schema(nullable = true, description = "The changes cursor the device last acknowledged (its last since=)")
        String lastCursor) {

    /** A POP3 device's server policy. */
    @Schema(name = "Pop3PolicyView")
    public record PolicyJson(Pop3DeletePolicy deleteFromServer,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Integer days) {
    }

    static DeviceJson of(Device d) {
        PolicyJson policy = d.pop3Policy() == null ? null
                : new PolicyJson(d.pop3Policy().deleteFromServer(), d.pop3Policy().days());
        String cursor = d.lastCursorSequence() == null ? null
                : new ChangeCursor(d.accountId(), d.lastCursorSequence()).encode();
        return new DeviceJson(d.id(), d.name(), d.platform(), d.mode(), policy, d.acceptMixedModeRisk(),
                d.createdAt(), d.lastActivityAt(), cursor);
    }
}
