package io.mailsync.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.ChangesCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The change log in PostgreSQL. Numbers come from the account row, whose update lock also keeps
 * concurrent writers of one account in commit order.
 */
@ApplicationScoped
public class JpaChangeLog implements ChangeLog {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<ChangesCommitted> committed;

    JpaChangeLog(EntityManager em, ObjectMapper json, Event<ChangesCommitted> committed) {
        this.em = em;
        this.json = json;
        this.committed = committed;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(UUID accountId, List<Change> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        Number last = (Number) em.createNativeQuery(
                        "update account set change_seq = change_seq + ?1 where id = ?2 returning change_seq")
                .setParameter(1, changes.size())
                .setParameter(2, accountId)
                .getSingleResult();
        long seq = last.longValue() - changes.size();
        Instant now = Instant.now();
        for (Change change : changes) {
            ChangeLogEntry entry = new ChangeLogEntry();
            entry.key = new ChangeLogEntry.Key(accountId, ++seq);
            entry.type = change.type().wireName();
            entry.objectId = change.objectId();
            entry.folderId = change.folderId();
            entry.origin = change.origin().value();
            entry.data = change.data().isEmpty() ? null : toJson(change);
            entry.createdAt = now;
            em.persist(entry);
        }
        // observers declared with during = AFTER_SUCCESS hear of it once the transaction has committed
        committed.fire(new ChangesCommitted(accountId, seq));
        return seq;
    }

    private String toJson(Change change) {
        try {
            return json.writeValueAsString(change.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("change data is not serialisable: " + change.type(), e);
        }
    }
}
