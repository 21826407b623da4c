package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.UpstreamException;

/** Port: opens {@link UpstreamMailbox} connections within the per-host connection limit. */
public interface UpstreamConnector {
    UpstreamMailbox connect(SyncAccount account) throws UpstreamException;
}
