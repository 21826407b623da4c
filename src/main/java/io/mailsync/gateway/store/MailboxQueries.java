package io.mailsync.gateway.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.mailbox.Address;
import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.mailbox.MailboxView.TaggedFolder;
import io.mailsync.gateway.mailbox.MessageCursor;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageLocation;
import io.mailsync.gateway.mailbox.MessagePage;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.mailsync.gateway.mailbox.MessageSummary;
import io.mailsync.gateway.mailbox.MirrorReader;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Read side of the mirror: folder lists with counts and message lists in pages, each in one SQL
 * statement that reads only the columns it shows (lists are the hottest path of the API).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MailboxQueries implements MirrorReader {

    private static final Logger LOG = Logger.getLogger(MailboxQueries.class);

    private static final String FOLDERS = """
            select f.id, f.name, f.path, f.role, f.selectable,
                   count(m.id) as total, count(m.id) filter (where not m.seen) as unread
            from folder f left join message m on m.folder_id = f.id
            where f.account_id = ?
            group by f.id
            order by case when f.role = 'inbox' then 0 else 1 end, f.path""";

    private static final String SUMMARY_COLUMNS = """
            m.id, m.folder_id, m.subject, m.from_name, m.from_email, m.to_json, m.sent_at, m.received_at,
            m.seen, m.flagged, m.answered, m.draft, m.keywords, m.size, m.has_attachments, m.preview""";

    private static final String MESSAGE = "select " + SUMMARY_COLUMNS + """
            , m.cc_json, m.uid, m.modseq, m.deleted, f.path, f.uid_validity
            from message m join folder f on f.id = m.folder_id
            where m.id = ? and m.account_id = ?""";

    private final DataSource dataSource;
    /** Address lists are read token by token: a page reads 50 of them, data binding costs more than the rows. */
    private final JsonFactory json;

    MailboxQueries(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json.getFactory();
    }

    /** The account's folders, INBOX first then by path; empty when the account does not exist. */
    @Override
    public Optional<List<FolderSummary>> folders(UUID accountId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FOLDERS)) {
            s.setObject(1, accountId);
            List<FolderSummary> folders = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    folders.add(new FolderSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            FolderRole.fromWireName(rs.getString(4)).orElse(null), rs.getBoolean(5),
                            rs.getLong(6), rs.getLong(7)));
                }
            }
            if (folders.isEmpty() && !accountExists(c, accountId)) {
                return Optional.empty();
            }
            return Optional.of(folders);
        } catch (SQLException e) {
            throw new IllegalStateException("folder list query failed", e);
        }
    }

    private static final String FOLDER = """
            select f.id, f.name, f.path, f.role, f.selectable, f.uid_validity,
                   (select count(*) from message m where m.folder_id = f.id) as total,
                   (select count(*) from message m where m.folder_id = f.id and not m.seen) as unread
            from folder f where f.id = ? and f.account_id = ?""";

    /** One folder of the account with its counts and ETag; empty when it is not this account's. */
    @Override
    public Optional<TaggedFolder> folder(UUID accountId, UUID folderId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FOLDER)) {
            s.setObject(1, folderId);
            s.setObject(2, accountId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long uidValidity = rs.getLong(6);
                Long validity = rs.wasNull() ? null : uidValidity;
                FolderSummary folder = new FolderSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        FolderRole.fromWireName(rs.getString(4)).orElse(null), rs.getBoolean(5), rs.getLong(7),
                        rs.getLong(8));
                return Optional.of(new TaggedFolder(folder, folderTag(folder.id(), folder.path(), rs.getString(4),
                        validity)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("folder query failed", e);
        }
    }

    /**
     * One page of the account's messages, newest first (arrival time, then id: a total order, so
     * pages never skip or repeat a row that stays put). Empty when the account, or the folder asked
     * for, is not this account's.
     */
    @Override
    public Optional<MessagePage> messages(UUID accountId, MessageQuery query) {
        ListStatement list = listStatement(accountId, query);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(list.sql())) {
            for (int i = 0; i < list.params().size(); i++) {
                s.setObject(i + 1, list.params().get(i));
            }
            List<MessageSummary> items = new ArrayList<>(Math.min(query.limit() + 1, 64));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(summary(rs));
                }
            }
            if (items.isEmpty() && !(query.folderId() == null
                    ? accountExists(c, accountId) : folderExists(c, accountId, query.folderId()))) {
                return Optional.empty();
            }
            MessageCursor next = null;
            if (items.size() > query.limit()) {
                items.remove(items.size() - 1);
                MessageSummary last = items.get(items.size() - 1);
                next = new MessageCursor(last.receivedAt(), last.id());
            }
            return Optional.of(new MessagePage(items, next));
        } catch (SQLException e) {
            throw new IllegalStateException("message list query failed", e);
        }
    }

    /**
     * The account's change sequence, which the same transaction as every change to its mail moves on (writers of
     * one account take turns on its row): two reads that see the same value see the same mail. Empty when there is
     * no such account.
     */
    @Override
    public OptionalLong changeSequence(UUID accountId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select change_seq from account where id = ?")) {
            s.setObject(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("change sequence query failed", e);
        }
    }

    /** The SQL of a message list and its parameters, in order. */
    record ListStatement(String sql, List<Object> params) {
    }

    /**
     * Builds the list query: every filter is a plain column predicate and the cursor a row
     * comparison, so PostgreSQL walks message_folder_order_idx or message_account_order_idx in
     * order and stops after limit + 1 rows, without a sort.
     */
    static ListStatement listStatement(UUID accountId, MessageQuery query) {
        StringBuilder sql = new StringBuilder("select ").append(SUMMARY_COLUMNS)
                .append(" from message m where m.account_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(accountId);
        if (query.folderId() != null) {
            sql.append(" and m.folder_id = ?");
            params.add(query.folderId());
        }
        if (query.unread() != null) {
            sql.append(" and m.seen = ?");
            params.add(!query.unread());
        }
        if (query.flagged() != null) {
            sql.append(" and m.flagged = ?");
            params.add(query.flagged());
        }
        if (query.text() != null) {
            sql.append(" and (m.subject ilike ? escape '\\' or m.from_name ilike ? escape '\\'"
                    + " or m.from_email ilike ? escape '\\')");
            String pattern = "%" + escapeLike(query.text()) + "%";
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        if (query.after() != null) {
            sql.append(" and (m.received_at, m.id) < (?, ?)");
            params.add(OffsetDateTime.ofInstant(query.after().receivedAt(), ZoneOffset.UTC));
            params.add(query.after().id());
        }
        sql.append(" order by m.received_at desc, m.id desc limit ?");
        params.add(query.limit() + 1);
        return new ListStatement(sql.toString(), params);
    }

    /** A message of the account with where to fetch it upstream; empty when it is not this account's. */
    @Override
    public Optional<StoredMessage> message(UUID accountId, UUID messageId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(MESSAGE)) {
            s.setObject(1, messageId);
            s.setObject(2, accountId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                MessageSummary summary = summary(rs);
                List<Address> cc = addresses(rs.getString("cc_json"));
                long uid = rs.getLong("uid");
                long uidValidity = rs.getLong("uid_validity");
                MessageLocation location = new MessageLocation(accountId, summary.folderId(), rs.getString("path"),
                        rs.wasNull() || uidValidity < 1 ? null : UidValidity.of(uidValidity), Uid.of(uid));
                long modseq = rs.getLong("modseq");
                String tag = stateTag(summary, uidValidity, uid, modseq, rs.getBoolean("deleted"));
                return Optional.of(new StoredMessage(summary, cc, location, tag));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("message query failed", e);
        }
    }

    /**
     * A message from its rows as a command's transaction holds them: the same summary, Cc list, location and tag
     * as {@link #message} reads from the database.
     */
    StoredMessage stored(MessageEntity m, FolderEntity f) {
        Address from = m.fromEmail == null && m.fromName == null ? null : new Address(m.fromName, m.fromEmail);
        MessageSummary summary = new MessageSummary(m.id, m.folderId, m.subject, from, addresses(m.toJson), m.sentAt,
                m.receivedAt, m.seen, m.flagged, m.answered, m.draft, MessageFlags.splitKeywords(m.keywords), m.size,
                m.hasAttachments, m.preview);
        long uidValidity = f.uidValidity == null ? 0 : f.uidValidity;
        MessageLocation location = new MessageLocation(m.accountId, m.folderId, f.path,
                uidValidity < 1 ? null : UidValidity.of(uidValidity), Uid.of(m.uid));
        String tag = stateTag(summary, uidValidity, m.uid, m.modseq == null ? 0 : m.modseq, m.deleted);
        return new StoredMessage(summary, addresses(m.ccJson), location, tag);
    }

    /** Reads the {@link #SUMMARY_COLUMNS}, which every query using it selects first and in this order. */
    private MessageSummary summary(ResultSet rs) throws SQLException {
        String fromName = rs.getString(4);
        String fromEmail = rs.getString(5);
        Address from = fromEmail == null && fromName == null ? null : new Address(fromName, fromEmail);
        return new MessageSummary(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                from,
                addresses(rs.getString(6)),
                instant(rs.getObject(7, OffsetDateTime.class)),
                instant(rs.getObject(8, OffsetDateTime.class)),
                rs.getBoolean(9),
                rs.getBoolean(10),
                rs.getBoolean(11),
                rs.getBoolean(12),
                MessageFlags.splitKeywords(rs.getString(13)),
                rs.getLong(14),
                rs.getBoolean(15),
                rs.getString(16));
    }

    /** An address list as the mirror stores it: a JSON array of {name, email} objects. */
    private List<Address> addresses(String text) {
        if (text == null || text.isBlank() || "[]".equals(text)) {
            return List.of();
        }
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not an array");
            }
            List<Address> addresses = new ArrayList<>(2);
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
                String name = null;
                String email = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.VALUE_STRING) {
                        if ("name".equals(field)) {
                            name = p.getText();
                        } else if ("email".equals(field)) {
                            email = p.getText();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                addresses.add(new Address(name, email));
            }
            if (token != JsonToken.END_ARRAY) {
                throw new IOException("not an array of addresses");
            }
            return addresses;
        } catch (IOException e) {
            // a damaged row must not break a whole page
            LOG.warnf("unreadable address list in the mirror: %s", e.getClass().getSimpleName());
            return List.of();
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static boolean accountExists(Connection c, UUID accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from account where id = ?")) {
            s.setObject(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean folderExists(Connection c, UUID accountId, UUID folderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from folder where id = ? and account_id = ?")) {
            s.setObject(1, folderId);
            s.setObject(2, accountId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String stateTag(MessageSummary m, long uidValidity, long uid, long modseq, boolean deleted) {
        return stateTag(m.id(), m.folderId(), uidValidity, uid, modseq, new MessageFlags(m.seen(), m.flagged(),
                m.answered(), m.draft(), deleted, m.keywords()));
    }

    /** The ETag of a message: changes whenever anything the mirror knows of it changes. */
    static String stateTag(UUID id, UUID folderId, long uidValidity, long uid, long modseq, MessageFlags f) {
        String state = String.join("|", id.toString(), folderId.toString(), Long.toString(uidValidity),
                Long.toString(uid), Long.toString(modseq), Boolean.toString(f.seen()), Boolean.toString(f.flagged()),
                Boolean.toString(f.answered()), Boolean.toString(f.draft()), Boolean.toString(f.deleted()),
                String.join(" ", new java.util.TreeSet<>(f.keywords())));
        return digest(state);
    }

    /** The ETag of a folder: changes when it is renamed, gets another role or is reset, not with its counts. */
    static String folderTag(UUID id, String path, String role, Long uidValidity) {
        return digest(String.join("|", id.toString(), path, String.valueOf(role), String.valueOf(uidValidity)));
    }

    private static String digest(String state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
