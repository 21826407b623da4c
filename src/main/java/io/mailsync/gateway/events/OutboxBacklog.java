package io.mailsync.gateway.events;

import io.mailsync.gateway.changes.ChangeDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * How many committed change-log entries wait for Kafka, and, for the change-log retention, how far each
 * account's entries have gone: an entry may be deleted only once it has been published (or dead-lettered).
 */
@ApplicationScoped
public class OutboxBacklog implements ChangeDelivery {

    private final DataSource dataSource;
    private final KafkaSettings settings;

    OutboxBacklog(DataSource dataSource, KafkaSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /**
     * The relay's position of each account (published or dead-lettered through it) while this gateway publishes
     * events; every sequence when events are switched off (nothing would ever publish them). An account the
     * relay has no position for yet has published nothing and is left out.
     */
    @Override
    public Map<UUID, Long> deliveredThrough(Set<UUID> accounts) {
        Map<UUID, Long> through = new HashMap<>();
        if (!settings.events().enabled()) {
            accounts.forEach(account -> through.put(account, Long.MAX_VALUE));
            return through;
        }
        if (accounts.isEmpty()) {
            return through;
        }
        try (Connection db = dataSource.getConnection();
                PreparedStatement select = db.prepareStatement(
                        "select account_id, published_seq from event_publication where account_id = any (?)")) {
            select.setArray(1, db.createArrayOf("uuid", List.copyOf(accounts).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    through.put(rows.getObject(1, UUID.class), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox positions could not be read", e);
        }
        return through;
    }

    /** Entries committed but not yet published, over all accounts. */
    public long count() throws SQLException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement select = db.prepareStatement("""
                        select coalesce(sum(a.change_seq - coalesce(p.published_seq, 0)), 0)
                        from account a left join event_publication p on p.account_id = a.id
                        where a.change_seq > coalesce(p.published_seq, 0)""");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
