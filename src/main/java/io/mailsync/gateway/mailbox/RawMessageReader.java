package io.mailsync.gateway.mailbox;

/**
 * The port through which a message held as its bytes (a POP device's kept copy) is read as a server's
 * message is read through {@link UpstreamMessages}: the same bodies, caps, headers and attachment ids.
 * A copy that cannot be read, or an unknown attachment id, is a {@link MessageUnavailableException}.
 */
public interface RawMessageReader {

    /** Headers, bodies (capped) and attachment list of the message (message/rfc822 bytes). */
    MessageContent content(byte[] raw);

    /** One attachment of the message by the id {@link #content} gives it, decoded from its transfer encoding. */
    MessageDownload attachment(byte[] raw, String attachmentId);
}
