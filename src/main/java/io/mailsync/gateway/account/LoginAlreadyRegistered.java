package io.mailsync.gateway.account;

/** The same login on the same IMAP server is an account already: the gateway mirrors each mailbox once. */
public class LoginAlreadyRegistered extends RuntimeException {
    public LoginAlreadyRegistered() {
        super("an account with this username on this IMAP host and port is already registered", null, false, false);
    }
}
