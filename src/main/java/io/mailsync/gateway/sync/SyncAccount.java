package io.mailsync.gateway.sync;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import java.util.UUID;

/** What the engine needs of an account to sync it: where to connect, how to log in, where it stands. */
public record SyncAccount(UUID id, UpstreamEndpoint endpoint, UpstreamLogin login, AccountState state) {
}
