package io.mailsync.gateway.account;

/** Port: asks an account's IMAP server whether a login works, before the account is stored. */
public interface UpstreamLoginCheck {

    /**
     * Logs in and out again.
     *
     * @throws io.mailsync.gateway.mailbox.UpstreamException if the server refuses the login, cannot be reached or
     *     does not answer in time
     */
    void verify(UpstreamEndpoint imap, UpstreamLogin login);
}
