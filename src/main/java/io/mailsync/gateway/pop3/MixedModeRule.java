package io.mailsync.gateway.pop3;

import java.util.List;
import java.util.Optional;

/**
 * The mixed-mode rule: a POP device whose policy deletes from the server, on an account that IMAP
 * devices also use, removes mail those IMAP devices were showing. Registration refuses the mix unless
 * the operator accepts the risk; while the mix exists, the account warns.
 */
public final class MixedModeRule {

    private MixedModeRule() {
    }

    /**
     * Why registering or re-configuring a device would create the risky mix; empty when it would not.
     *
     * @param mode the device's mode after the change: {@code POP3} or {@code IMAP}
     * @param policy the POP device's server policy (ignored for IMAP)
     * @param accountHasImapDevices whether other IMAP devices use the account
     * @param deletingPopDevices the account's other POP devices whose policy deletes from the server
     */
    public static Optional<String> refusal(String mode, ServerPolicy policy, boolean accountHasImapDevices,
            List<PopDevice> deletingPopDevices) {
        if ("POP3".equals(mode)) {
            if (policy != null && policy.deletesFromServer() && accountHasImapDevices) {
                return Optional.of("this POP device's policy (" + policy.deleteFromServer() + ") deletes messages "
                        + "from the server, and IMAP devices use this account: they would lose every message this "
                        + "device downloads. Choose deleteFromServer NEVER, or send acceptMixedModeRisk=true.");
            }
            return Optional.empty();
        }
        List<PopDevice> deleting = deletingPopDevices.stream().filter(d -> d.policy().deletesFromServer()).toList();
        if (!deleting.isEmpty()) {
            return Optional.of(deleting.size() + " POP device(s) of this account delete messages from the server "
                    + "after download: this IMAP device would lose every message they download. Change their policy "
                    + "to NEVER, or send acceptMixedModeRisk=true.");
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
