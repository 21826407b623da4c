package io.mailsync.gateway.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mailsync.gateway.account.Account;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An account as operators see it: endpoints and sync status, never the secret. */
@Schema(name = "Account")
public record AccountView(
        UUID id,
        String email,
        String username,
        EndpointView imap,
        @JsonInclude(JsonInclude.Include.NON_NULL) EndpointView smtp,
        @JsonInclude(JsonInclude.Include.NON_NULL) EndpointView pop3,
        StatusView status,
        @JsonInclude(JsonInclude.Include.NON_NULL) QuotaView quota,
        Instant createdAt,
        @Schema(description = "Risks the operator should know of, e.g. a POP device deleting mail that IMAP devices show")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<String> warnings) {

    AccountView withWarnings(java.util.List<String> now) {
        return new AccountView(id, email, username, imap, smtp, pop3, status, quota, createdAt, now);
    }

    /** Where one upstream service listens. */
    @Schema(name = "Endpoint")
    public record EndpointView(String host, int port, Security security) {
        static EndpointView of(UpstreamEndpoint endpoint) {
            return endpoint == null ? null : new EndpointView(endpoint.host(), endpoint.port(), endpoint.security());
        }
    }

    /** Where the account's sync stands. */
    @Schema(name = "AccountStatus")
    public record StatusView(
            @Schema(enumeration = {"initial-sync", "syncing", "idle", "error", "auth-failed"}) String state,
            ProgressView progress, Instant lastSuccessAt, String lastError, Instant lastErrorAt) {
    }

    /** Messages synced so far out of those known upstream. */
    @Schema(name = "SyncProgress")
    public record ProgressView(long synced, long total) {
    }

    /** Storage use as the upstream server reports it (IMAP QUOTA). */
    @Schema(name = "Quota")
    public record QuotaView(Long usedKiB, Long limitKiB) {
    }

    static AccountView of(Account a) {
        QuotaView quota = a.quotaUsedKib() == null && a.quotaLimitKib() == null
                ? null : new QuotaView(a.quotaUsedKib(), a.quotaLimitKib());
        return new AccountView(a.id(), a.email(), a.username(), EndpointView.of(a.imap()), EndpointView.of(a.smtp()),
                EndpointView.of(a.pop3()),
                new StatusView(a.state().wireName(), new ProgressView(a.progressSynced(), a.progressTotal()),
                        a.lastSuccessAt(), a.lastError(), a.lastErrorAt()),
                quota, a.createdAt(), java.util.List.of());
    }
}
