package io.mailsync.gateway.pop3;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Tells the account status whether the account mixes IMAP devices with POP devices that delete from the server. */
@ApplicationScoped
public class MixedModeStatus {

    private final PopDevices devices;

    MixedModeStatus(PopDevices devices) {
        this.devices = devices;
    }

    /** The warnings to show now; empty while the account is not at risk. */
    public List<String> warnings(UUID accountId) {
        return MixedModeRule.warning(devices.hasImapDevices(accountId), devices.ofAccount(accountId))
                .map(List::of).orElse(List.of());
    }
}
