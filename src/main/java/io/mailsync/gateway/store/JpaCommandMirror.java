package io.mailsync.gateway.store;

import io.mailsync.gateway.command.CommandMirror;
import io.mailsync.gateway.command.FolderTarget;
import io.mailsync.gateway.command.MessageTarget;
import io.mailsync.gateway.command.MoveResult;
import io.mailsync.gateway.mailbox.Change;
import io.mailsync.gateway.mailbox.ChangeData;
import io.mailsync.gateway.mailbox.ChangeLog;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import io.mailsync.gateway.sync.ListedFolder;
import io.mailsync.gateway.sync.StoredFolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The mirror as write-through commands see it, in PostgreSQL: each record method is one transaction
 * that sets rows to the state upstream now has and logs the change with the command's origin.
 */
@ApplicationScoped
@Transactional
public class JpaCommandMirror implements CommandMirror {

    private final EntityManager em;
    private final ChangeLog changeLog;
    private final JpaMailboxMirror mirror;
    private final MailboxQueries queries;

    JpaCommandMirror(EntityManager em, ChangeLog changeLog, JpaMailboxMirror mirror, MailboxQueries queries) {
        this.em = em;
        this.changeLog = changeLog;
        this.mirror = mirror;
        this.queries = queries;
    }

    @Override
    public Optional<MessageTarget> message(UUID accountId, UUID messageId) {
        return messages(accountId, List.of(messageId)).stream().findFirst();
    }

    @Override
    public Optional<StoredMessage> stored(UUID accountId, UUID messageId) {
        return queries.message(accountId, messageId);
    }

    /**
     * A message as this transaction left it. The record call before it loaded and changed the row, so it comes
     * from the persistence context, not from another query; a row it removed is gone.
     */
    private Optional<StoredMessage> written(UUID accountId, UUID messageId) {
        MessageEntity message = em.find(MessageEntity.class, messageId);
        if (message == null || !em.contains(message) || !message.accountId.equals(accountId)) {
            return Optional.empty();
        }
        FolderEntity folder = em.find(FolderEntity.class, message.folderId);
        return folder == null ? Optional.empty() : Optional.of(queries.stored(message, folder));
    }

    @Override
    public Optional<String> accountAddress(UUID accountId) {
        io.mailsync.gateway.account.AccountEntity account = em.find(io.mailsync.gateway.account.AccountEntity.class, accountId);
        return account == null ? Optional.empty() : Optional.of(account.email);
    }

    @Override
    public List<MessageTarget> messages(UUID accountId, Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        List<MessageTarget> targets = new ArrayList<>();
        List<UUID> ids = new ArrayList<>(new HashSet<>(messageIds));
        for (int i = 0; i < ids.size(); i += 1000) {
            List<Object[]> rows = em.createQuery("select m, f from MessageEntity m, FolderEntity f "
                            + "where f.id = m.folderId and m.accountId = :a and m.id in :ids", Object[].class)
                    .setParameter("a", accountId)
                    .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 1000)))
                    .getResultList();
            for (Object[] row : rows) {
                targets.add(target((MessageEntity) row[0], (FolderEntity) row[1]));
            }
        }
        return targets;
    }

    private static MessageTarget target(MessageEntity m, FolderEntity f) {
        MessageFlags flags = new MessageFlags(m.seen, m.flagged, m.answered, m.draft, m.deleted,
                MessageFlags.splitKeywords(m.keywords));
        String tag = MailboxQueries.stateTag(m.id, m.folderId, f.uidValidity == null ? 0 : f.uidValidity, m.uid,
                m.modseq == null ? 0 : m.modseq, flags);
        return new MessageTarget(m.id, f.id, f.path, UidValidity.known(f.uidValidity), f.role, Uid.of(m.uid), flags,
                m.messageIdHeader, tag);
    }

    @Override
    public Optional<FolderTarget> folder(UUID accountId, UUID folderId) {
        FolderEntity folder = em.find(FolderEntity.class, folderId);
        return folder == null || !folder.accountId.equals(accountId) ? Optional.empty() : Optional.of(target(folder));
    }

    @Override
    public Optional<FolderTarget> folderByRole(UUID accountId, String role) {
        return em.createQuery("from FolderEntity f where f.accountId = :a and f.role = :r and f.selectable = true "
                        + "order by f.path", FolderEntity.class)
                .setParameter("a", accountId)
                .setParameter("r", role)
                .setMaxResults(1)
                .getResultStream().findFirst().map(JpaCommandMirror::target);
    }

    @Override
    public List<FolderTarget> folders(UUID accountId) {
        return em.createQuery("from FolderEntity f where f.accountId = :a order by f.path", FolderEntity.class)
                .setParameter("a", accountId)
                .getResultStream().map(JpaCommandMirror::target).toList();
    }

    private static FolderTarget target(FolderEntity f) {
        Character delimiter = f.delimiter == null || f.delimiter.isEmpty() ? null : f.delimiter.charAt(0);
        return new FolderTarget(f.id, f.path, f.name, delimiter, f.role, UidValidity.known(f.uidValidity),
                f.uidValidity != null && f.initialSyncBelow == null,
                MailboxQueries.folderTag(f.id, f.path, f.role, f.uidValidity));
    }

    @Override
    public void recordFlags(UUID accountId, UUID folderId, Map<Uid, MessageFlags> flags, Origin origin) {
        mirror.applyChanges(accountId, folderId, List.of(), flags, List.of(), null, origin);
    }

    @Override
    public Optional<StoredMessage> recordFlags(UUID accountId, MessageTarget message, Map<Uid, MessageFlags> flags,
                                               Origin origin) {
        recordFlags(accountId, message.folderId(), flags, origin);
        return written(accountId, message.id());
    }

    @Override
    public Optional<StoredMessage> recordMove(UUID accountId, MessageTarget message, UUID toFolderId, MoveResult result,
                                              Origin origin) {
        recordMove(accountId, message.folderId(), toFolderId, result, origin);
        return written(accountId, message.id());
    }

    @Override
    public void recordMove(UUID accountId, UUID fromFolderId, UUID toFolderId, MoveResult result, Origin origin) {
        FolderEntity from = em.find(FolderEntity.class, fromFolderId);
        FolderEntity to = em.find(FolderEntity.class, toFolderId);
        if (from == null || result.moved().isEmpty()) {
            return;
        }
        boolean targetInStep = to != null && inStep(to, result.targetUidValidity());
        List<Change> changes = new ArrayList<>();
        List<Long> moved = new ArrayList<>(Uid.values(result.moved()));
        for (int i = 0; i < moved.size(); i += 1000) {
            List<MessageEntity> rows = em.createQuery(
                            "from MessageEntity m where m.folderId = :f and m.uid in :uids", MessageEntity.class)
                    .setParameter("f", fromFolderId)
                    .setParameter("uids", moved.subList(i, Math.min(moved.size(), i + 1000)))
                    .getResultList();
            for (MessageEntity message : rows) {
                Uid newUid = result.newUids().get(Uid.of(message.uid));
                from.messageCount--;
                if (targetInStep && newUid != null && !uidTaken(toFolderId, newUid.value())) {
                    message.folderId = toFolderId;
                    message.uid = newUid.value();
                    message.modseq = null;
                    to.messageCount++;
                    changes.add(new Change(message.id, toFolderId, origin,
                            new ChangeData.MessageMoved(fromFolderId, newUid)));
                } else {
                    // the target's UIDs are unknown here: the sync engine will find the message there
                    em.remove(message);
                    changes.add(new Change(message.id, fromFolderId, origin,
                            new ChangeData.MessageDestroyed(Uid.of(message.uid))));
                }
            }
        }
        changeLog.append(accountId, changes);
    }

    /** Whether the folder's rows hold UIDs of this UIDVALIDITY (none when either is unknown). */
    private static boolean inStep(FolderEntity folder, UidValidity uidValidity) {
        return folder.uidValidity != null && uidValidity != null && folder.uidValidity == uidValidity.value();
    }

    private boolean uidTaken(UUID folderId, long uid) {
        return !em.createQuery("select m.id from MessageEntity m where m.folderId = :f and m.uid = :u", UUID.class)
                .setParameter("f", folderId).setParameter("u", uid).getResultList().isEmpty();
    }

    @Override
    public void recordExpunged(UUID accountId, UUID folderId, Collection<Uid> uids, Origin origin) {
        mirror.applyChanges(accountId, folderId, List.of(), Map.of(), uids, null, origin);
    }

    @Override
    public UUID recordFolderCreated(UUID accountId, String path, String name, Character delimiter, Origin origin) {
        StoredFolder created = mirror.createFolder(accountId, new ListedFolder(path, name, delimiter, null, true), origin);
        return created.id();
    }

    @Override
    public void recordFolderRenamed(UUID accountId, UUID folderId, String newPath, String newName, Origin origin) {
        FolderEntity folder = em.find(FolderEntity.class, folderId);
        if (folder == null || !folder.accountId.equals(accountId)) {
            return;
        }
        String oldPath = folder.path;
        Character delimiter = folder.delimiter == null || folder.delimiter.isEmpty() ? null : folder.delimiter.charAt(0);
        if (delimiter != null) {
            String prefix = oldPath + delimiter;
            List<FolderEntity> children = em.createQuery("from FolderEntity f where f.accountId = :a "
                            + "and substring(f.path, 1, :n) = :p", FolderEntity.class)
                    .setParameter("a", accountId).setParameter("n", prefix.length()).setParameter("p", prefix)
                    .getResultList();
            for (FolderEntity child : children) {
                String childPath = newPath + delimiter + child.path.substring(prefix.length());
                mirror.renameFolder(accountId, child.id, new ListedFolder(childPath, child.name, delimiter,
                        io.mailsync.gateway.mailbox.FolderRole.fromWireName(child.role).orElse(null), child.selectable),
                        origin);
            }
        }
        mirror.renameFolder(accountId, folderId, new ListedFolder(newPath, newName, delimiter,
                io.mailsync.gateway.mailbox.FolderRole.fromWireName(folder.role).orElse(null), folder.selectable), origin);
    }

    @Override
    public void recordFolderDeleted(UUID accountId, UUID folderId, Origin origin) {
        mirror.deleteFolder(accountId, folderId, origin);
    }

    @Override
    public Optional<UUID> recordAppended(UUID accountId, UUID folderId, UidValidity uidValidity, MessageMeta meta,
                                         Origin origin) {
        FolderEntity folder = em.find(FolderEntity.class, folderId);
        if (folder == null || meta == null || !inStep(folder, uidValidity)
                || uidTaken(folderId, meta.uid().value())) {
            return Optional.empty();
        }
        mirror.applyChanges(accountId, folderId, List.of(meta), Map.of(), List.of(), null, origin);
        return em.createQuery("select m.id from MessageEntity m where m.folderId = :f and m.uid = :u", UUID.class)
                .setParameter("f", folderId).setParameter("u", meta.uid().value())
                .getResultStream().findFirst();
    }
}
