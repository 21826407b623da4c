package io.mailsync.gateway.api;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link BearerAuthFilter}. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "a bearer token is required");
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }

    /** Fails with 403-free semantics: an account the caller cannot reach does not exist for it. */
    public void requireAccount(java.util.UUID accountId) {
        if (!get().canReach(accountId)) {
            throw ProblemException.notFound("account");
        }
    }

    public void requireOperator() {
        if (!get().operator()) {
            // devices must not learn that operator endpoints exist for other accounts
            throw ProblemException.notFound("resource");
        }
    }

    /** The origin the caller's changes carry in the change log: {@code device:{id}} or {@code operator}. */
    public io.mailsync.gateway.mailbox.Origin origin() {
        Caller current = get();
        return current.operator() ? io.mailsync.gateway.mailbox.Origin.OPERATOR
                : io.mailsync.gateway.mailbox.Origin.device(current.deviceId());
    }
}
