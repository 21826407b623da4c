package io.mailsync.gateway.pop3;

import java.util.Optional;
import java.util.UUID;

/**
 * The POP model as the POP3 server reaches it: a device logs in and opens its own maildrop for one
 * session, and nothing else of the model is in the server's sight.
 */
public interface PopMailboxes {

    /** The POP device with this id whose token matches; empty for unknown ids, wrong tokens, IMAP devices. */
    Optional<PopDevice> authenticate(UUID deviceId, String token);

    /**
     * Brings the device's maildrop up to date with its source and opens it for one session, whose
     * message list stays as it is now until the session ends (RFC 1939 numbers messages per session).
     *
     * @throws io.mailsync.gateway.mailbox.UpstreamException when the account's server cannot be reached
     */
    PopMailbox open(PopDevice device);
}
