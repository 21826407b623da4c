package io.mailsync.gateway.mailbox;

/** A mailbox address as people see it: display name (may be null) and e-mail address. */
public record Address(String name, String email) {
}
