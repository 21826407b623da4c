package io.mailsync.gateway.pop3;

import io.mailsync.gateway.device.MixedModeCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The mixed-mode rule: a POP device whose policy deletes from the server, on an account that IMAP
 * devices also use, removes mail those IMAP devices were showing. Registration refuses the mix unless
 * the operator accepts the risk; while the mix exists, the account warns.
 */
@ApplicationScoped
public class MixedModeRule implements MixedModeCheck {

    @Override
    public Optional<String> refusal(boolean pop, boolean deletesFromServer, long imapDevices,
            long deletingPopDevices) {
        if (pop && deletesFromServer && imapDevices > 0) {
            return Optional.of("this POP device's policy deletes messages from the server, and " + imapDevices
                    + " IMAP device(s) use this account: they would lose every message this device downloads. "
                    + "Choose deleteFromServer NEVER, or register with acceptMixedModeRisk=true.");
        }
        if (!pop && deletingPopDevices > 0) {
            return Optional.of(deletingPopDevices + " POP device(s) of this account delete messages from the "
                    + "server after download: this IMAP device would lose every message they download. Change "
                    + "their policy to NEVER, or register with acceptMixedModeRisk=true.");
        }
        return Optional.empty();
    }

    /** The account status warning while the risky mix exists; empty when it does not. */
    public static Optional<String> warning(boolean accountHasImapDevices, List<PopDevice> popDevices) {
        long deleting = popDevices.stream().filter(d -> d.policy().deletesFromServer()).count();
        if (accountHasImapDevices && deleting > 0) {
            return Optional.of("mixed mode: " + deleting + " POP device(s) delete messages from the server while IMAP "
                    + "devices use this account; messages they download disappear from the IMAP devices");
        }
        return Optional.empty();
    }
}
