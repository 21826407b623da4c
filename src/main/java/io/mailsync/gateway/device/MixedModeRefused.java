package io.mailsync.gateway.device;

/**
 * Registering or re-configuring the device would mix IMAP devices with POP devices that delete from the server,
 * and the operator did not accept that risk; the message says why and how to go on.
 */
public class MixedModeRefused extends RuntimeException {
    public MixedModeRefused(String reason) {
        super(reason, null, false, false);
    }
}
