package io.mailsync.gateway.api.http;

import io.mailsync.gateway.pop3.PopDevice;
import io.mailsync.gateway.pop3.PopDevices;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The authenticated caller of the current request, set by {@link BearerAuthFilter}. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;
    private PopDevice popDevice;
    @Inject
    PopDevices popDevices;

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

    /**
     * The calling POP device, when the caller is a device in POP3 mode: the message endpoints then answer
     * from its own maildrop. Empty for the operator and IMAP devices. Call after {@link #requireAccount}.
     */
    public Optional<PopDevice> popDevice() {
        Caller current = get();
        if (!current.pop()) {
            return Optional.empty();
        }
        if (popDevice == null) {
            popDevice = popDevices.ofAccount(current.accountId()).stream()
                    .filter(d -> d.id().equals(current.deviceId())).findFirst()
                    // revoked or switched to IMAP between the token check and now
                    .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "the token is unknown or revoked"));
        }
        return Optional.of(popDevice);
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
