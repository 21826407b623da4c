package io.mailsync.gateway.account;

/** Where an upstream mail service listens and how to secure the connection. */
public record UpstreamEndpoint(String host, int port, Security security) {
    public UpstreamEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (security == null) {
            throw new IllegalArgumentException("security is required");
        }
    }
}
