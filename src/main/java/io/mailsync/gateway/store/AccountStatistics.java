package io.mailsync.gateway.store;

import io.mailsync.gateway.account.AccountState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts over the accounts for metrics and readiness: by state, and how long ago they were last in sync. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AccountStatistics {

    private final EntityManager em;

    AccountStatistics(EntityManager em) {
        this.em = em;
    }

    /** What one query tells: accounts per state, and the oldest last success, in seconds ago (0 when none). */
    public record Figures(Map<AccountState, Long> byState, double oldestSuccessAgeSeconds) {
        public long count(AccountState state) {
            return byState.getOrDefault(state, 0L);
        }
    }

    /** Every account of the deployment. */
    public Figures all() {
        return figures(em.createNativeQuery("""
                select state, count(*), coalesce(extract(epoch from now() - min(coalesce(last_success_at, created_at))), 0)
                from account group by state""").getResultList());
    }

    /** The accounts whose sync lease the instance holds, so that figures summed over replicas count each once. */
    public Figures heldBy(String instanceId) {
        return figures(em.createNativeQuery("""
                select a.state, count(*), coalesce(extract(epoch from now() - min(coalesce(a.last_success_at, a.created_at))), 0)
                from account a join sync_lease l on l.account_id = a.id
                where l.owner = ?1 and l.expires_at > now()
                group by a.state""").setParameter(1, instanceId).getResultList());
    }

    private static Figures figures(List<?> rows) {
        Map<AccountState, Long> byState = new EnumMap<>(AccountState.class);
        double oldest = 0;
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            for (AccountState state : AccountState.values()) {
                if (state.name().equals(columns[0]) || state.wireName().equals(columns[0])) {
                    byState.put(state, ((Number) columns[1]).longValue());
                }
            }
            oldest = Math.max(oldest, ((Number) columns[2]).doubleValue());
        }
        return new Figures(byState, oldest);
    }
}
