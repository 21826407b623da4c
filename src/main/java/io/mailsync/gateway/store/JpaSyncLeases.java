package io.mailsync.gateway.store;

import io.mailsync.gateway.sync.SyncLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Account leases in PostgreSQL. Times come from the database's clock, so replicas with skewed clocks
 * agree on expiry; claiming locks the candidate rows with SKIP LOCKED, so two instances renewing at the
 * same moment never take the same account.
 */
@ApplicationScoped
public class JpaSyncLeases implements SyncLeases {

    private final EntityManager em;

    JpaSyncLeases(EntityManager em) {
        this.em = em;
    }

    @Override
    @Transactional
    public Set<UUID> renew(String instanceId, Duration ttl) {
        double seconds = ttl.toMillis() / 1000.0;
        em.createNativeQuery("""
                        insert into gateway_instance (id, seen_at) values (?1, now())
                        on conflict (id) do update set seen_at = now()""")
                .setParameter(1, instanceId)
                .executeUpdate();
        em.createNativeQuery("delete from gateway_instance where seen_at < now() - make_interval(secs => ?1 * 3)")
                .setParameter(1, seconds)
                .executeUpdate();
        Set<UUID> held = new HashSet<>(ids(em.createNativeQuery("""
                        update sync_lease set expires_at = now() + make_interval(secs => ?2)
                        where owner = ?1 returning account_id""")
                .setParameter(1, instanceId)
                .setParameter(2, seconds)
                .getResultList()));
        long accounts = ((Number) em.createNativeQuery("select count(*) from account").getSingleResult()).longValue();
        long live = ((Number) em.createNativeQuery(
                        "select count(*) from gateway_instance where seen_at >= now() - make_interval(secs => ?1)")
                .setParameter(1, seconds)
                .getSingleResult()).longValue();
        long share = (accounts + Math.max(1, live) - 1) / Math.max(1, live);
        if (held.size() > share) {
            List<UUID> extra = ids(em.createNativeQuery("""
                            delete from sync_lease where account_id in (
                                select account_id from sync_lease where owner = ?1
                                order by account_id limit ?2)
                            returning account_id""")
                    .setParameter(1, instanceId)
                    .setParameter(2, held.size() - share)
                    .getResultList());
            extra.forEach(held::remove);
        } else if (held.size() < share) {
            held.addAll(ids(em.createNativeQuery("""
                            insert into sync_lease (account_id, owner, expires_at)
                            select a.id, ?1, now() + make_interval(secs => ?2)
                            from account a left join sync_lease l on l.account_id = a.id
                            where l.account_id is null or l.expires_at < now()
                            order by a.created_at, a.id
                            limit ?3
                            for update of a skip locked
                            on conflict (account_id) do update
                                set owner = excluded.owner, expires_at = excluded.expires_at
                                where sync_lease.expires_at < now()
                            returning account_id""")
                    .setParameter(1, instanceId)
                    .setParameter(2, seconds)
                    .setParameter(3, share - held.size())
                    .getResultList()));
        }
        return held;
    }

    @Override
    @Transactional
    public void releaseAll(String instanceId) {
        em.createNativeQuery("delete from sync_lease where owner = ?1").setParameter(1, instanceId).executeUpdate();
        em.createNativeQuery("delete from gateway_instance where id = ?1").setParameter(1, instanceId).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> ids(List<?> rows) {
        return (List<UUID>) rows;
    }
}
