package io.mailsync.gateway.account;

/** What an operator asks to register: the login and where to use it; SMTP and POP3 are optional. */
public record NewAccount(String email, UpstreamLogin login, UpstreamEndpoint imap, UpstreamEndpoint smtp,
        UpstreamEndpoint pop3) {
    public NewAccount {
        if (email == null || login == null || imap == null) {
            throw new IllegalArgumentException("email, login and imap are required");
        }
    }
}
