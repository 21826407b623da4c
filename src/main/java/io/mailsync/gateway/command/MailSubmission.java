package io.mailsync.gateway.command;

import java.util.UUID;

/** Port: hands a finished message to the account's SMTP server for delivery. */
public interface MailSubmission {

    /** Whether the account has an SMTP endpoint at all. */
    boolean available(UUID accountId);

    /**
     * Submits the message to its To, Cc and Bcc recipients (Bcc is not written into what is sent);
     * answers once the server accepted it. Throws {@link io.mailsync.gateway.mailbox.UpstreamException}.
     */
    void submit(UUID accountId, byte[] rfc822);
}
