package io.mailsync.gateway.store;

import io.mailsync.gateway.pop3.MirrorMatches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The comparison's match query over the mirror: which mirror messages a POP3 download may be. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PostgresMirrorMatches implements MirrorMatches {

    private static final String MATCH_CANDIDATES = """
            select m.id, m.message_id_header, m.size, m.sent_at, m.received_at, f.role
            from message m join folder f on f.id = m.folder_id
            where m.account_id = ? and (m.message_id_header = any(?) or m.size = any(?))
            order by m.received_at, m.id""";

    private final DataSource dataSource;

    PostgresMirrorMatches(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<MatchCandidate> matchCandidates(UUID accountId, Collection<String> messageIdHeaders,
            Collection<Long> sizes) {
        if (messageIdHeaders.isEmpty() && sizes.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(MATCH_CANDIDATES)) {
            s.setObject(1, accountId);
            s.setArray(2, c.createArrayOf("varchar", messageIdHeaders.toArray()));
            s.setArray(3, c.createArrayOf("bigint", sizes.toArray()));
            List<MatchCandidate> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new MatchCandidate(rs.getObject("id", UUID.class), rs.getString("message_id_header"),
                            rs.getLong("size"), instant(rs.getObject("sent_at", OffsetDateTime.class)),
                            instant(rs.getObject("received_at", OffsetDateTime.class)),
                            "inbox".equalsIgnoreCase(rs.getString("role"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("match query failed", e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
