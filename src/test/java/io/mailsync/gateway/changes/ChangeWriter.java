package io.mailsync.gateway.changes;

import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Appends changes through the real change log, each batch in its own transaction, as the sync engine does. */
@ApplicationScoped
public class ChangeWriter {

    private final ChangeLog changeLog;
    private final EntityManager em;

    ChangeWriter(ChangeLog changeLog, EntityManager em) {
        this.changeLog = changeLog;
        this.em = em;
    }

    /**
     * Appends {@code count} message.updated changes (seen), each with {@code padding} characters of keywords
     * in its data, and returns their sequences (one batch is numbered without gaps). The sync engine may
     * record other changes (account.updated) of the same account before or after them.
     */
    @Transactional
    public List<Long> append(UUID accountId, int count, int padding) {
        MessageFlags seen = MessageFlags.NONE.withSeen(true).withKeywords(padding(padding));
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.add(new Change(UUID.randomUUID(), UUID.randomUUID(), Origin.UPSTREAM,
                    new ChangeData.FlagsChanged(seen)));
        }
        long last = changeLog.append(accountId, changes);
        return java.util.stream.LongStream.rangeClosed(last - count + 1, last).boxed().toList();
    }

    /** Distinct keywords of the longest length a keyword may have, {@code characters} of them in all (rounded up). */
    private static List<String> padding(int characters) {
        List<String> keywords = new ArrayList<>();
        for (int n = 0; keywords.size() * MessageFlags.MAX_KEYWORD_LENGTH < characters; n++) {
            String name = "pad" + n;
            keywords.add(name + "x".repeat(MessageFlags.MAX_KEYWORD_LENGTH - name.length()));
        }
        return keywords;
    }

    /**
     * Writes one change straight into the table, without the commit signal the change log fires: what a
     * lost signal looks like to live streams.
     */
    @Transactional
    public long appendWithoutSignal(UUID accountId) {
        long seq = ((Number) em.createNativeQuery(
                        "update account set change_seq = change_seq + 1 where id = ?1 returning change_seq")
                .setParameter(1, accountId).getSingleResult()).longValue();
        em.createNativeQuery("insert into change_log (account_id, seq, type, object_id, origin, created_at)"
                        + " values (?1, ?2, 'message.updated', ?3, 'upstream', now())")
                .setParameter(1, accountId).setParameter(2, seq).setParameter(3, UUID.randomUUID()).executeUpdate();
        return seq;
    }

    /** The account's last change the outbox relay has published to Kafka (0 when none). */
    @Transactional
    public long publishedThrough(UUID accountId) {
        List<?> rows = em.createNativeQuery("select published_seq from event_publication where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /** Makes the account's changes up to {@code sequence} look as old as {@code createdAt}. */
    @Transactional
    public void age(UUID accountId, long throughSequence, Instant createdAt) {
        em.createNativeQuery("update change_log set created_at = ?1 where account_id = ?2 and seq <= ?3")
                .setParameter(1, createdAt).setParameter(2, accountId).setParameter(3, throughSequence)
                .executeUpdate();
    }
}
