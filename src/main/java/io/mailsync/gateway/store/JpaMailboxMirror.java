package io.mailsync.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.mailbox.Address;
import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.ModSeq;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import io.mailsync.gateway.sync.FolderStatus;
import io.mailsync.gateway.sync.ListedFolder;
import io.mailsync.gateway.sync.MailboxMirror;
import io.mailsync.gateway.sync.StoredFolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The mirror's write side in PostgreSQL: every method is one transaction that changes rows and appends
 * their change-log entries together. It writes what the sync decided; the rows it finds say which ids
 * the changes are about.
 */
@ApplicationScoped
@Transactional
public class JpaMailboxMirror implements MailboxMirror {

    /** Rows per {@code in (…)} list. */
    private static final int CHUNK = 1000;
    private static final int MAX_ADDRESS_JSON = 8000;
    private static final int MAX_KEYWORDS = 2000;

    private final EntityManager em;
    private final ChangeLog changeLog;
    private final ObjectMapper json;

    JpaMailboxMirror(EntityManager em, ChangeLog changeLog, ObjectMapper json) {
        this.em = em;
        this.changeLog = changeLog;
        this.json = json;
    }

    @Override
    public List<StoredFolder> folders(UUID accountId) {
        return em.createQuery("from FolderEntity f where f.accountId = :a order by f.path", FolderEntity.class)
                .setParameter("a", accountId)
                .getResultList().stream()
                .map(f -> stored(f, f.messageCount))
                .toList();
    }

    private static StoredFolder stored(FolderEntity f, long count) {
        Character delimiter = f.delimiter == null || f.delimiter.isEmpty() ? null : f.delimiter.charAt(0);
        ModSeq highestModseq = f.highestModseq == null ? null : ModSeq.of(f.highestModseq);
        return new StoredFolder(f.id, f.path, f.name, delimiter, f.role, f.selectable, UidValidity.known(f.uidValidity),
                uid(f.uidNext), highestModseq, uid(f.initialSyncBelow), count, f.lastError);
    }

    /** A UID column's value; null when empty or below 1 (no UID lies below such a number, so none is walked). */
    private static Uid uid(Long column) {
        return column == null || column < 1 ? null : Uid.of(column);
    }

    @Override
    public StoredFolder createFolder(UUID accountId, ListedFolder listed, Origin origin) {
        FolderEntity folder = new FolderEntity();
        folder.id = UUID.randomUUID();
        folder.accountId = accountId;
        folder.createdAt = Instant.now();
        attributes(folder, listed);
        em.persist(folder);
        changeLog.append(accountId, new Change(folder.id, folder.id, origin,
                new ChangeData.FolderCreated(listed.path(), listed.role())));
        return stored(folder, 0);
    }

    private static void attributes(FolderEntity folder, ListedFolder listed) {
        folder.path = listed.path();
        folder.name = listed.name();
        folder.delimiter = listed.delimiter() == null ? null : listed.delimiter().toString();
        folder.role = listed.role() == null ? null : listed.role().wireName();
        folder.selectable = listed.selectable();
    }

    @Override
    public void renameFolder(UUID accountId, UUID folderId, ListedFolder now, Origin origin) {
        FolderEntity folder = folder(accountId, folderId);
        if (folder == null || folder.path.equals(now.path())) {
            return;
        }
        String oldPath = folder.path;
        attributes(folder, now);
        changeLog.append(accountId, new Change(folderId, folderId, origin,
                new ChangeData.FolderRenamed(now.path(), oldPath, now.role())));
    }

    @Override
    public void updateFolderAttributes(UUID accountId, UUID folderId, ListedFolder now) {
        FolderEntity folder = folder(accountId, folderId);
        if (folder != null) {
            attributes(folder, now);
        }
    }

    @Override
    public void deleteFolder(UUID accountId, UUID folderId, Origin origin) {
        FolderEntity folder = folder(accountId, folderId);
        if (folder == null) {
            return;
        }
        em.createQuery("delete from MessageEntity m where m.folderId = :f").setParameter("f", folderId).executeUpdate();
        em.remove(folder);
        changeLog.append(accountId,
                new Change(folderId, folderId, origin, new ChangeData.FolderDestroyed(folder.path)));
    }

    @Override
    public void resetFolder(UUID accountId, UUID folderId, FolderStatus now, Origin origin) {
        FolderEntity folder = folder(accountId, folderId);
        if (folder == null) {
            return;
        }
        em.createQuery("delete from MessageEntity m where m.folderId = :f").setParameter("f", folderId).executeUpdate();
        folder.messageCount = 0;
        syncPoint(folder, now);
        folder.initialSyncBelow = now.uidNext().value();
        changeLog.append(accountId,
                new Change(folderId, folderId, origin, new ChangeData.FolderReset(now.uidValidity())));
    }

    @Override
    public void beginInitialSync(UUID accountId, UUID folderId, FolderStatus now) {
        FolderEntity folder = folder(accountId, folderId);
        if (folder != null) {
            syncPoint(folder, now);
            folder.initialSyncBelow = now.uidNext().value();
        }
    }

    private static void syncPoint(FolderEntity folder, FolderStatus now) {
        folder.uidValidity = now.uidValidity().value();
        folder.uidNext = now.uidNext().value();
        folder.highestModseq = now.highestModseq() == null ? null : now.highestModseq().value();
    }

    @Override
    public void storeInitialBatch(UUID accountId, UUID folderId, List<MessageMeta> batch, Uid nextBelow) {
        FolderEntity folder = folder(accountId, folderId);
        if (folder == null) {
            return;
        }
        List<Change> changes = insert(accountId, folderId, batch, Origin.UPSTREAM);
        folder.messageCount += batch.size();
        folder.initialSyncBelow = nextBelow == null ? null : nextBelow.value();
        changeLog.append(accountId, changes);
    }

    @Override
    public Map<Uid, MessageFlags> flags(UUID folderId) {
        Map<Uid, MessageFlags> flags = new HashMap<>();
        em.createQuery("select m.uid, m.seen, m.flagged, m.answered, m.draft, m.deleted, m.keywords "
                        + "from MessageEntity m where m.folderId = :f", Object[].class)
                .setParameter("f", folderId)
                .getResultStream()
                .forEach(row -> flags.put(Uid.of((Long) row[0]), flagsOf(row)));
        return flags;
    }

    @Override
    public Map<Uid, MessageFlags> flags(UUID folderId, Collection<Uid> uids) {
        Map<Uid, MessageFlags> flags = new HashMap<>();
        for (List<Long> chunk : chunks(Uid.values(uids))) {
            em.createQuery("select m.uid, m.seen, m.flagged, m.answered, m.draft, m.deleted, m.keywords "
                            + "from MessageEntity m where m.folderId = :f and m.uid in :uids", Object[].class)
                    .setParameter("f", folderId)
                    .setParameter("uids", chunk)
                    .getResultList()
                    .forEach(row -> flags.put(Uid.of((Long) row[0]), flagsOf(row)));
        }
        return flags;
    }

    private static MessageFlags flagsOf(Object[] row) {
        return new MessageFlags((Boolean) row[1], (Boolean) row[2], (Boolean) row[3], (Boolean) row[4],
                (Boolean) row[5], MessageFlags.splitKeywords((String) row[6]));
    }

    @Override
    public void applyChanges(UUID accountId, UUID folderId, List<MessageMeta> added, Map<Uid, MessageFlags> flags,
                             Collection<Uid> vanished, FolderStatus syncPoint, Origin origin) {
        FolderEntity folder = folder(accountId, folderId);
        if (folder == null) {
            return;
        }
        List<Change> changes = new ArrayList<>();
        for (List<Long> chunk : chunks(Uid.values(vanished))) {
            List<MessageEntity> gone = messages(folderId, chunk);
            for (MessageEntity message : gone) {
                changes.add(new Change(message.id, folderId, origin,
                        new ChangeData.MessageDestroyed(Uid.of(message.uid))));
                em.remove(message);
                folder.messageCount--;
            }
        }
        for (List<Long> chunk : chunks(Uid.values(flags.keySet()))) {
            for (MessageEntity message : messages(folderId, chunk)) {
                MessageFlags now = flags.get(Uid.of(message.uid));
                setFlags(message, now);
                changes.add(new Change(message.id, folderId, origin, new ChangeData.FlagsChanged(now)));
            }
        }
        changes.addAll(insert(accountId, folderId, added, origin));
        folder.messageCount += added.size();
        if (syncPoint != null) {
            syncPoint(folder, syncPoint);
        }
        changeLog.append(accountId, changes);
    }

    @Override
    public void recordFolderError(UUID folderId, String error) {
        FolderEntity folder = em.find(FolderEntity.class, folderId);
        if (folder != null) {
            folder.lastError = error == null ? null : clip(error, 1000);
        }
    }

    private FolderEntity folder(UUID accountId, UUID folderId) {
        FolderEntity folder = em.find(FolderEntity.class, folderId);
        return folder != null && folder.accountId.equals(accountId) ? folder : null;
    }

    private List<MessageEntity> messages(UUID folderId, List<Long> uids) {
        return em.createQuery("from MessageEntity m where m.folderId = :f and m.uid in :uids", MessageEntity.class)
                .setParameter("f", folderId)
                .setParameter("uids", uids)
                .getResultList();
    }

    private List<Change> insert(UUID accountId, UUID folderId, List<MessageMeta> metas, Origin origin) {
        List<Change> changes = new ArrayList<>(metas.size());
        for (MessageMeta meta : metas) {
            MessageEntity message = new MessageEntity();
            message.id = UUID.randomUUID();
            message.accountId = accountId;
            message.folderId = folderId;
            message.uid = meta.uid().value();
            message.modseq = meta.modSeq().value() == 0 ? null : meta.modSeq().value();
            setFlags(message, meta.flags());
            message.messageIdHeader = clip(meta.messageId(), 1000);
            message.subject = clip(meta.subject(), 2000);
            message.fromName = meta.from() == null ? null : clip(meta.from().name(), 500);
            message.fromEmail = meta.from() == null ? null : clip(meta.from().email(), 500);
            message.toJson = addressJson(meta.to());
            message.ccJson = addressJson(meta.cc());
            message.sentAt = meta.sentAt();
            message.receivedAt = meta.receivedAt() == null ? Instant.now() : meta.receivedAt();
            message.size = meta.size();
            message.hasAttachments = meta.hasAttachments();
            message.preview = clip(meta.preview(), 300);
            em.persist(message);
            changes.add(new Change(message.id, folderId, origin, new ChangeData.MessageCreated(meta.uid())));
        }
        return changes;
    }

    private static void setFlags(MessageEntity message, MessageFlags flags) {
        message.seen = flags.seen();
        message.flagged = flags.flagged();
        message.answered = flags.answered();
        message.draft = flags.draft();
        message.deleted = flags.deleted();
        String keywords = flags.keywordsJoined();
        while (keywords.length() > MAX_KEYWORDS) {
            keywords = keywords.substring(0, keywords.lastIndexOf(' '));
        }
        message.keywords = keywords;
    }

    private String addressJson(List<Address> addresses) {
        List<Address> kept = new ArrayList<>(addresses);
        while (true) {
            try {
                String text = json.writeValueAsString(kept);
                if (text.length() <= MAX_ADDRESS_JSON) {
                    return text;
                }
            } catch (JsonProcessingException e) {
                return "[]";
            }
            kept.remove(kept.size() - 1);
        }
    }

    private static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max);
    }

}
