package io.mailsync.gateway.account;

/** An account host resolves to an address the gateway must not connect to (loopback, private, ...). */
public class UpstreamHostRefused extends RuntimeException {
    public UpstreamHostRefused(String safeMessage) {
        super(safeMessage, null, false, false);
    }
}
