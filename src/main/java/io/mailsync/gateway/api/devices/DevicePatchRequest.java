package io.mailsync.gateway.api.devices;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.mailsync.gateway.api.http.NoControlCharacters;
import io.mailsync.gateway.device.DeviceChanges;
import io.mailsync.gateway.device.DeviceMode;
import io.mailsync.gateway.device.Pop3DeletePolicy;
import io.mailsync.gateway.device.Pop3Policy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /accounts/{accountId}/devices/{deviceId}}: what to change; absent fields stay. */
@Schema(name = "DevicePatchRequest", description = "Re-configures a device. A device keeps its mode: a mode other "
        + "than its own answers 409 (register a new device instead). pop3Policy only for POP3 devices.")
public record DevicePatchRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @NoControlCharacters
        @Schema(example = "Mika's tablet") String name,
        @Schema(description = "Only the device's current mode is accepted") DeviceMode mode,
        @Valid DeviceRequest.Pop3PolicyRequest pop3Policy,
        @Schema(description = "Give a POP3 device a policy that deletes from the server even though the account "
                + "has IMAP devices, accepting that they will miss that mail.", defaultValue = "false")
        Boolean acceptMixedModeRisk) {

    /** Days exactly with AFTER_DAYS, as on registration. */
    @AssertTrue(message = "days goes with deleteFromServer AFTER_DAYS and only with it")
    @Schema(hidden = true)
    @JsonIgnore
    public boolean isPop3PolicyDays() {
        return pop3Policy == null || pop3Policy.deleteFromServer() == null
                || (pop3Policy.deleteFromServer() == Pop3DeletePolicy.AFTER_DAYS) == (pop3Policy.days() != null);
    }

    DeviceChanges toChanges() {
        Pop3Policy policy = pop3Policy == null ? null : new Pop3Policy(pop3Policy.deleteFromServer(), pop3Policy.days());
        return new DeviceChanges(name == null ? null : name.strip(), mode, policy,
                Boolean.TRUE.equals(acceptMixedModeRisk));
    }
}
