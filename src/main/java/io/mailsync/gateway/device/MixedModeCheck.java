package io.mailsync.gateway.device;

import java.util.Optional;

/**
 * Port: the POP model's rule on mixing IMAP devices with POP devices that delete from the server, asked before a
 * device is registered or re-configured. Devices know only that such a rule exists; the POP model owns it.
 */
public interface MixedModeCheck {

    /**
     * Why registering or re-configuring a device would create the risky mix; empty when it would not.
     *
     * @param pop whether the device is in POP3 mode (else IMAP)
     * @param deletesFromServer whether the POP device's policy deletes from the server (ignored for IMAP)
     * @param imapDevices the account's other IMAP devices
     * @param deletingPopDevices the account's other POP devices whose policy deletes from the server
     */
    Optional<String> refusal(boolean pop, boolean deletesFromServer, long imapDevices, long deletingPopDevices);
}
