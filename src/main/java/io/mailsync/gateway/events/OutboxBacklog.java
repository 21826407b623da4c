package io.mailsync.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How many committed change-log entries wait for Kafka, and the SQL condition that keeps them from the
 * change-log retention job: an entry may be deleted only once it has been published (or dead-lettered).
 */
@ApplicationScoped
public class OutboxBacklog {

    /**
     * SQL condition, true for a {@code change_log} row (referred to by the table name {@code change_log})
     * that the relay has already published or dead-lettered. The retention job adds it to its delete:
     * {@code delete from change_log where created_at < ? and } + this. When events are off, see
     * {@link #retentionCondition()}.
     */
    public static final String PUBLISHED = "exists (select 1 from event_publication p"
            + " where p.account_id = change_log.account_id and p.published_seq >= change_log.seq)";

    private final DataSource dataSource;
    private final KafkaSettings settings;

    OutboxBacklog(DataSource dataSource, KafkaSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /**
     * The condition the change-log retention job must add to its delete: {@link #PUBLISHED} while this
     * gateway publishes events, {@code true} when events are switched off (nothing would ever publish them).
     */
    public String retentionCondition() {
        return settings.events().enabled() ? PUBLISHED : "true";
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
