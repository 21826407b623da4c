package io.mailsync.gateway.api.http;

import io.mailsync.gateway.mailbox.MailboxView;
import io.mailsync.gateway.pop3.MaildropViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Chooses whose mail the message and folder endpoints show to the authenticated caller: a device in POP3 mode
 * sees its own maildrop, the operator and IMAP devices the account's shared mirror. The only place that asks.
 */
@ApplicationScoped
public class CallerMailbox {

    private final CurrentCaller caller;
    private final MailboxView.SharedMirror mirror;
    private final MaildropViews maildrops;

    CallerMailbox(CurrentCaller caller, MailboxView.SharedMirror mirror, MaildropViews maildrops) {
        this.caller = caller;
        this.mirror = mirror;
        this.maildrops = maildrops;
    }

    /** The caller's view of the account; 404 when the caller cannot reach it, 401 when its device was revoked. */
    public MailboxView of(UUID accountId) {
        caller.requireAccount(accountId);
        return caller.popDevice().map(maildrops::of).orElseGet(() -> mirror.of(accountId, caller.origin()));
    }
}
