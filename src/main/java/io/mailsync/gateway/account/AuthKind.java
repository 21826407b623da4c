package io.mailsync.gateway.account;

/** How the gateway proves itself to the upstream server. */
public enum AuthKind {
    PASSWORD,
    /** SASL XOAUTH2 with an access token in place of the password. */
    OAUTH2
}
