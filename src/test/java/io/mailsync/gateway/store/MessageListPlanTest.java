package io.mailsync.gateway.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.mailbox.MessageCursor;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.MirrorOnlyProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message list must walk an order index and stop after one page: no sort, no scan of the
 * account. Checked with EXPLAIN on a mirror large enough for the planner to choose freely.
 */
@QuarkusTest
@TestProfile(MirrorOnlyProfile.class)
class MessageListPlanTest {

    private static final Logger LOG = Logger.getLogger(MessageListPlanTest.class);
    private static UUID account;
    private static UUID inbox;

    @Inject
    MirrorFixture mirror;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void bigMirror() throws SQLException {
        if (account != null) {
            return;
        }
        account = mirror.account("127.0.0.1", 1, "plan-" + UUID.randomUUID(), "secret");
        inbox = mirror.folder(account, "INBOX", "inbox", 1L);
        UUID archive = mirror.folder(account, "Archive", "archive", 2L);
        try (Connection c = dataSource.getConnection()) {
            for (UUID folder : new UUID[] {inbox, archive}) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into message (id, account_id, folder_id, uid, seen, flagged, answered, draft, deleted,
                                             subject, received_at, size, has_attachments)
                        select gen_random_uuid(), ?, ?, n, n % 3 = 0, n % 17 = 0, false, false, false,
                               'Subject ' || n, timestamptz '2025-01-01' + n * interval '1 minute', 2000, false
                        from generate_series(1, 20000) n""")) {
                    s.setObject(1, account);
                    s.setObject(2, folder);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("analyze message")) {
                s.execute();
            }
        }
    }

    private String plan(MessageQuery query) throws SQLException {
        MailboxQueries.ListStatement list = MailboxQueries.listStatement(account, query);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("explain " + list.sql())) {
            for (int i = 0; i < list.params().size(); i++) {
                s.setObject(i + 1, list.params().get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            LOG.infof("plan of %s:%n%s", query, plan);
            return plan.toString();
        }
    }

    @Test
    void accountListWalksTheAccountOrderIndex() throws SQLException {
        MessageCursor after = new MessageCursor(Instant.parse("2025-01-10T00:00:00Z"), UUID.randomUUID());
        for (MessageQuery query : new MessageQuery[] {
                new MessageQuery(null, null, null, null, 50, null),
                new MessageQuery(null, null, null, null, 50, after),
                new MessageQuery(null, true, null, null, 50, after)}) {
            String plan = plan(query);
            assertTrue(plan.contains("Index Scan using message_account_order_idx"), plan);
            assertFalse(plan.contains("Sort"), plan);
        }
    }

    @Test
    void folderListWalksAnOrderIndexWithoutSorting() throws SQLException {
        MessageCursor after = new MessageCursor(Instant.parse("2025-01-10T00:00:00Z"), UUID.randomUUID());
        for (MessageQuery query : new MessageQuery[] {
                new MessageQuery(inbox, null, null, null, 50, null),
                new MessageQuery(inbox, null, null, null, 50, after),
                new MessageQuery(inbox, false, true, null, 50, after)}) {
            String plan = plan(query);
            // with a cursor both order indexes serve the page in order; which one PostgreSQL costs lower
            // depends on the sample ANALYZE took, so either is right, a sort is not
            assertTrue(plan.contains("Index Scan using message_folder_order_idx")
                    || plan.contains("Index Scan using message_account_order_idx"), plan);
            assertFalse(plan.contains("Sort"), plan);
        }
    }
}
