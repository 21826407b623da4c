package io.mailsync.gateway.pop3;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The POP model's narrow port onto device registration: it finds POP devices and checks their
 * tokens, and knows nothing of how devices are stored.
 */
public interface PopDevices {

    /** The POP device with this id whose token matches; empty for unknown ids, wrong tokens, IMAP devices. */
    Optional<PopDevice> authenticate(UUID deviceId, String token);

    /** The account's POP devices. */
    List<PopDevice> ofAccount(UUID accountId);

    /** Whether the account has devices in IMAP mode (they see the shared server state). */
    boolean hasImapDevices(UUID accountId);
}
