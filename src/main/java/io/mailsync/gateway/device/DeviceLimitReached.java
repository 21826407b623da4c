package io.mailsync.gateway.device;

/** The account has as many devices as the deployment allows: one must be revoked before another registers. */
public class DeviceLimitReached extends RuntimeException {
    public DeviceLimitReached(int max) {
        super("the account already has " + max + " devices; revoke one before registering another", null, false,
                false);
    }
}
