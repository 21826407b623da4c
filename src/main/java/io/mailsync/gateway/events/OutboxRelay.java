package io.mailsync.gateway.events;

import io.mailsync.gateway.events.ChangeEventFormat.UnpublishableEvent;
import io.mailsync.gateway.mailbox.ChangeLogReader;
import io.mailsync.gateway.mailbox.CommittedChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * One pass of the outbox relay, in one database transaction: lock the positions of accounts with
 * unpublished change-log entries (skipping those another replica holds), publish their next entries in
 * order, wait for the broker's acknowledgements, then move the positions. A crash after the broker
 * acknowledged but before the commit publishes the same events again with the same ids: duplicates,
 * never loss.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final ChangeLogReader log;
    private final KafkaSettings settings;
    private final ChangeEventFormat format;
    private final KafkaChangePublisher publisher;
    private final Event<EventsAcknowledged> acknowledged;

    OutboxRelay(DataSource dataSource, ChangeLogReader log, KafkaSettings settings, ChangeEventFormat format,
            KafkaChangePublisher publisher, Event<EventsAcknowledged> acknowledged) {
        this.dataSource = dataSource;
        this.log = log;
        this.settings = settings;
        this.format = format;
        this.publisher = publisher;
        this.acknowledged = acknowledged;
    }

    /** What a pass did; {@code failure} is set when Kafka did not take everything (the pass is retried). */
    public record Pass(int published, int deadLettered, boolean moreWaiting, Exception failure) {
        static final Pass IDLE = new Pass(0, 0, false, null);
    }

    private record Position(UUID accountId, long publishedSeq) {
    }

    /** An entry on its way: its event, then the broker's future once sent; or why it can never be published. */
    private record Outgoing(OutboxEntry entry, byte[] event, Future<RecordMetadata> ack, String deadReason) {
    }

    @Transactional
    public Pass publishOnce() throws SQLException {
        int batch = settings.events().batchSize();
        try (Connection db = dataSource.getConnection()) {
            addMissingPositions(db);
            List<Position> positions = lockBacklog(db, settings.events().accountsPerPass());
            if (positions.isEmpty()) {
                return Pass.IDLE;
            }
            // one relay pass at a time per instance: the producer has one Kafka transaction at a time
            synchronized (publisher) {
                return publish(db, positions, batch);
            }
        }
    }

    private Pass publish(Connection db, List<Position> positions, int batch) throws SQLException {
        long[] advances = new long[positions.size()];
        List<Outgoing> outgoing = new ArrayList<>();
        boolean more = false;
        int dead = 0;
        for (int i = 0; i < positions.size(); i++) {
            Position position = positions.get(i);
            List<OutboxEntry> entries = read(db, position, batch);
            more |= entries.size() == batch;
            advances[i] = position.publishedSeq();
            for (OutboxEntry entry : entries) {
                if (entry.deadLettered()) {
                    continue; // refused by Kafka in an earlier pass: skipped, its dead letter holds it
                }
                Outgoing out = prepare(entry);
                if (out.deadReason() != null) {
                    deadLetter(db, out, out.deadReason());
                    dead++;
                } else {
                    outgoing.add(out);
                }
            }
            if (!entries.isEmpty()) {
                advances[i] = entries.get(entries.size() - 1).sequence();
            }
        }
        if (!outgoing.isEmpty()) {
            List<Outgoing> sent = new ArrayList<>(outgoing.size());
            try {
                publisher.begin();
                for (Outgoing out : outgoing) {
                    sent.add(new Outgoing(out.entry(), out.event(),
                            publisher.send(out.entry().accountId(), out.event()), null));
                }
                publisher.commit();
            } catch (RuntimeException e) {
                publisher.abort();
                // nothing of this pass is visible to read_committed consumers; positions stay where they were
                int refused = deadLetterRefused(db, sent);
                if (refused > 0) {
                    return new Pass(0, dead + refused, true, null); // the next pass goes on without them
                }
                if (!(e instanceof RetriableException) && !(e.getCause() instanceof RetriableException)) {
                    publisher.reset();
                }
                return new Pass(0, dead, false, e);
            }
        }
        // everything of this pass is on the broker; marking it sent is the last step
        acknowledged.fire(new EventsAcknowledged(positions.stream().map(Position::accountId).toList(),
                outgoing.size()));
        markPublished(db, positions, advances);
        return new Pass(outgoing.size(), dead, more, null);
    }

    private Outgoing prepare(OutboxEntry entry) {
        byte[] event;
        try {
            event = format.toCloudEvent(entry);
        } catch (UnpublishableEvent e) {
            return new Outgoing(entry, null, null, e.getMessage());
        }
        int max = settings.events().maxEventBytes();
        if (event.length > max) {
            return new Outgoing(entry, event, null,
                    "event of " + event.length + " bytes is larger than the " + max + " bytes allowed");
        }
        return new Outgoing(entry, event, null, null);
    }

    /** Dead-letters the records the broker refused for themselves (too large, invalid); returns how many. */
    private int deadLetterRefused(Connection db, List<Outgoing> sent) throws SQLException {
        int refused = 0;
        for (Outgoing out : sent) {
            if (!out.ack().isDone()) {
                continue;
            }
            try {
                out.ack().get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RecordTooLargeException || cause instanceof InvalidRecordException
                        || cause instanceof SerializationException) {
                    deadLetter(db, out, "refused by Kafka: " + cause.getClass().getSimpleName() + ": "
                            + cause.getMessage());
                    refused++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refused;
            }
        }
        return refused;
    }

    private static void addMissingPositions(Connection db) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                insert into event_publication (account_id)
                select a.id from account a
                where a.change_seq > 0
                  and not exists (select 1 from event_publication p where p.account_id = a.id)
                on conflict do nothing""")) {
            insert.executeUpdate();
        }
    }

    private static List<Position> lockBacklog(Connection db, int accounts) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("""
                select p.account_id, p.published_seq
                from event_publication p join account a on a.id = p.account_id
                where a.change_seq > p.published_seq
                order by p.updated_at
                limit ?
                for update of p skip locked""")) {
            select.setInt(1, accounts);
            List<Position> positions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    positions.add(new Position(rows.getObject(1, UUID.class), rows.getLong(2)));
                }
            }
            return positions;
        }
    }

    /** The position's next committed entries, each marked when an earlier pass dead-lettered it. */
    private List<OutboxEntry> read(Connection db, Position position, int limit) throws SQLException {
        List<CommittedChange> changes = log.after(position.accountId(), position.publishedSeq(), limit);
        if (changes.isEmpty()) {
            return List.of();
        }
        Set<Long> dead = deadLettered(db, position.accountId(), changes.get(0).sequence(),
                changes.get(changes.size() - 1).sequence());
        List<OutboxEntry> entries = new ArrayList<>(changes.size());
        for (CommittedChange change : changes) {
            entries.add(OutboxEntry.of(position.accountId(), change, dead.contains(change.sequence())));
        }
        return entries;
    }

    private static Set<Long> deadLettered(Connection db, UUID accountId, long from, long through)
            throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "select seq from event_dead_letter where account_id = ? and seq between ? and ?")) {
            select.setObject(1, accountId);
            select.setLong(2, from);
            select.setLong(3, through);
            Set<Long> dead = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    dead.add(rows.getLong(1));
                }
            }
            return dead;
        }
    }

    private void deadLetter(Connection db, Outgoing out, String reason) throws SQLException {
        OutboxEntry entry = out.entry();
        LOG.warnf("Change event %s goes to the dead letters: %s", entry.eventId(), reason);
        String event = out.event() != null
                ? new String(out.event(), java.nio.charset.StandardCharsets.UTF_8)
                : "{\"type\":\"" + entry.type().replace("\"", "") + "\",\"objectId\":\"" + entry.objectId()
                        + "\",\"rawData\":" + (entry.data() == null ? "null" : quote(entry.data())) + "}";
        try (PreparedStatement insert = db.prepareStatement("""
                insert into event_dead_letter (account_id, seq, event_id, reason, event, created_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            insert.setObject(1, entry.accountId());
            insert.setLong(2, entry.sequence());
            insert.setString(3, entry.eventId());
            insert.setString(4, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            insert.setString(5, event);
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static void markPublished(Connection db, List<Position> positions, long[] advances)
            throws SQLException {
        // accounts that made no progress go to the back of the queue too (updated_at), so one stuck
        // account does not starve the others
        try (PreparedStatement update = db.prepareStatement(
                "update event_publication set published_seq = ?, updated_at = now() where account_id = ?")) {
            for (int i = 0; i < positions.size(); i++) {
                update.setLong(1, advances[i]);
                update.setObject(2, positions.get(i).accountId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
