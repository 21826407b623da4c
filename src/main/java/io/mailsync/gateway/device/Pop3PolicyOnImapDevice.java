package io.mailsync.gateway.device;

/** A POP3 server policy was given for an IMAP device, which keeps no maildrop for a policy to act on. */
public class Pop3PolicyOnImapDevice extends RuntimeException {
    public Pop3PolicyOnImapDevice() {
        super("is only for POP3 devices", null, false, false);
    }
}
