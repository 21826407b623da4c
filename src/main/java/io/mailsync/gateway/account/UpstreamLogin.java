package io.mailsync.gateway.account;

/** A username and its secret, decrypted only for the duration of an upstream call. */
public record UpstreamLogin(String username, String secret, AuthKind authKind) {
    @Override
    public String toString() {
        return "UpstreamLogin[username=" + username + ", authKind=" + authKind + ", secret=***]";
    }
}
