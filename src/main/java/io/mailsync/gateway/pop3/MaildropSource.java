package io.mailsync.gateway.pop3;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Where an account's POP maildrops come from: the IMAP mirror's INBOX, or the account's upstream
 * POP3 server. Failures reaching the server are {@link io.mailsync.gateway.mailbox.UpstreamException}s.
 */
public interface MaildropSource {

    /** Whether this source serves the account (the account has a POP3 endpoint, or not). */
    boolean serves(UUID accountId);

    /** The messages on the server now, oldest first. */
    List<SourceMessage> list(UUID accountId);

    /**
     * The whole message (message/rfc822), at most {@code maxBytes}; a message that is gone is a
     * {@link io.mailsync.gateway.mailbox.MessageUnavailableException}.
     */
    byte[] retrieve(UUID accountId, String reference, int maxBytes);

    /** Deletes these messages from the server; references already gone are skipped. */
    void delete(UUID accountId, Collection<String> references);
}
