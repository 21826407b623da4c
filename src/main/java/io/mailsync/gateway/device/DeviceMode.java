package io.mailsync.gateway.device;

/** How a device follows the mailbox: the shared IMAP state, or its own POP3 maildrop. */
public enum DeviceMode {
    IMAP,
    POP3
}
