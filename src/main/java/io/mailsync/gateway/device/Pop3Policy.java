package io.mailsync.gateway.device;

/** A POP3 device's server policy; {@code days} is set exactly when the policy is {@code AFTER_DAYS}. */
public record Pop3Policy(Pop3DeletePolicy deleteFromServer, Integer days) {
    public Pop3Policy {
        if (deleteFromServer == null) {
            throw new IllegalArgumentException("a POP3 policy says when to delete from the server");
        }
        if ((deleteFromServer == Pop3DeletePolicy.AFTER_DAYS) != (days != null)) {
            throw new IllegalArgumentException("days goes with AFTER_DAYS and only with it");
        }
    }

    /** Whether this policy removes mail from the upstream server (and so from IMAP devices). */
    public boolean deletesFromServer() {
        return deleteFromServer != Pop3DeletePolicy.NEVER;
    }
}
