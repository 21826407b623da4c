package io.mailsync.gateway.account;

/** No account has this id: it was removed, or never registered. */
public class AccountNotFound extends RuntimeException {
    public AccountNotFound() {
        super("account not found", null, false, false);
    }
}
