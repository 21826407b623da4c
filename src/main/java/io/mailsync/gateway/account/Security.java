package io.mailsync.gateway.account;

/** Transport security of an upstream connection. */
public enum Security {
    /** TLS from the first byte (IMAPS 993, POP3S 995, SMTPS 465). */
    SSL,
    /** Plain connection upgraded with STARTTLS; refused if the server does not offer it. */
    STARTTLS,
    /** No encryption: only for loopback tests and demos. */
    NONE
}
