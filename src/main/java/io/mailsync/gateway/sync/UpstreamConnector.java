package io.mailsync.gateway.sync;

/** Port: opens {@link UpstreamMailbox} connections within the per-host connection limit. */
public interface UpstreamConnector {
    UpstreamMailbox connect(SyncAccount account) throws UpstreamException;
}
