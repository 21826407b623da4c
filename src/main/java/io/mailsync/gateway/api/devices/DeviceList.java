package io.mailsync.gateway.api.devices;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The devices of an account; one page always (an account has a bounded number of devices). */
@Schema(name = "DeviceList")
public record DeviceList(List<DeviceJson> items,
                         @Schema(nullable = true, description = "Always null: every device fits one page")
                         String nextCursor) {
}
