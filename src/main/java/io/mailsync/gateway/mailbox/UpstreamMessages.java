package io.mailsync.gateway.mailbox;

/**
 * The port through which message bodies are fetched from the upstream server on demand: the
 * mirror keeps metadata only. Failures reaching the server are {@link UpstreamException}s; a
 * message the server no longer has under that location is a {@link MessageUnavailableException}.
 */
public interface UpstreamMessages {

    /** Headers, bodies and attachment list of the message; attachment bytes are never loaded. */
    MessageContent read(MessageLocation location);

    /** The whole message as the server holds it (message/rfc822). */
    MessageDownload openRaw(MessageLocation location);

    /** One attachment, decoded from its transfer encoding; unknown ids are a {@link MessageUnavailableException}. */
    MessageDownload openAttachment(MessageLocation location, String attachmentId);
}
