package io.mailsync.gateway.pop3;

/** A POP device's change was based on a state of the message that has changed since (a stale If-Match). */
public class StaleMaildropState extends RuntimeException {
    public StaleMaildropState() {
        super("the message changed since that state", null, false, false);
    }
}
