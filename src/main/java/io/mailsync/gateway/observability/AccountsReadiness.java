package io.mailsync.gateway.observability;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.store.AccountStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * A summary of the accounts in readiness. Accounts in error are a matter of their upstream servers, not of
 * this replica, so they never make it unready: the figures are there for the operator to read.
 */
@Readiness
@ApplicationScoped
public class AccountsReadiness implements HealthCheck {

    private final AccountFigures figures;

    AccountsReadiness(AccountFigures figures) {
        this.figures = figures;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("accounts").up();
        if (!figures.read()) {
            return response.withData("figures", "not read yet").build();
        }
        AccountStatistics.Figures all = figures.all();
        long total = all.byState().values().stream().mapToLong(Long::longValue).sum();
        return response
                .withData("total", total)
                .withData("error", all.count(AccountState.ERROR))
                .withData("authFailed", all.count(AccountState.AUTH_FAILED))
                .withData("initialSync", all.count(AccountState.INITIAL_SYNC))
                .build();
    }
}
