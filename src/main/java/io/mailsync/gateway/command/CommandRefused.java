package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.MailboxRefused;

/**
 * A command that cannot be done as asked, for a reason the caller can act on; the message is safe to
 * show (no secret, no class name).
 */
public class CommandRefused extends MailboxRefused {

    public CommandRefused(Reason reason, String safeMessage) {
        super(reason, safeMessage);
    }

    public CommandRefused(Reason reason, String field, String safeMessage) {
        super(reason, field, safeMessage);
    }
}
