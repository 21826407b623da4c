package io.mailsync.gateway.mailbox;

/** A decoded text or HTML body; {@code truncated} says the gateway stopped reading at its size cap. */
public record BodyText(String content, boolean truncated) {
}
