package io.mailsync.gateway.mailbox;

/** One header field of a message, unfolded, with RFC 2047 encoded words decoded. */
public record MessageHeader(String name, String value) {
}
