package io.mailsync.gateway.device;

/** A device keeps its mode: an IMAP device's shared view and a POP3 maildrop cannot turn into each other. */
public class ModeChangeRefused extends RuntimeException {
    public ModeChangeRefused(DeviceMode registered, DeviceMode asked) {
        super("a device keeps the mode it was registered with (" + registered + "): its state cannot be carried "
                + "over to " + asked + "; register a new device in that mode and revoke this one", null, false, false);
    }
}
