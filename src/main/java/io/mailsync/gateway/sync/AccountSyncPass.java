package io.mailsync.gateway.sync;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.UpstreamException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One pass over an account: LIST, STATUS of every folder, folder set reconciliation, then each folder
 * synced by its plan. A folder that fails records its error and the pass goes on; only a lost
 * connection or a refused login ends the pass (as an {@link UpstreamException}).
 */
public final class AccountSyncPass {

    /** Longest error text kept on a folder or an account. */
    static final int MAX_ERROR_LENGTH = 900;

    private final SyncAccount account;
    private final UpstreamMailbox upstream;
    private final MailboxMirror mirror;
    private final SyncAccounts accounts;
    private final int batchSize;
    private final BooleanSupplier cancelled;
    private final MailboxLocks locks;

    public AccountSyncPass(SyncAccount account, UpstreamMailbox upstream, MailboxMirror mirror, SyncAccounts accounts,
                           int batchSize, BooleanSupplier cancelled) {
        this(account, upstream, mirror, accounts, batchSize, cancelled, new MailboxLocks());
    }

    /** @param locks shared with write-through commands (see {@link MailboxLocks}) */
    public AccountSyncPass(SyncAccount account, UpstreamMailbox upstream, MailboxMirror mirror, SyncAccounts accounts,
                           int batchSize, BooleanSupplier cancelled, MailboxLocks locks) {
        this.locks = locks;
        this.account = account;
        this.upstream = upstream;
        this.mirror = mirror;
        this.accounts = accounts;
        this.batchSize = batchSize;
        this.cancelled = cancelled;
    }

    /** What a pass achieved: folder errors (path → reason) and the quota if reported. */
    public record Outcome(Map<String, String> folderErrors, Optional<Quota> quota) {
        /** The account-level summary of folder errors, or null when there were none. */
        public String errorSummary() {
            if (folderErrors.isEmpty()) {
                return null;
            }
            StringBuilder text = new StringBuilder();
            folderErrors.forEach((path, reason) -> text.append(text.isEmpty() ? "" : "; ")
                    .append("folder ").append(path).append(": ").append(reason));
            return truncate(text.toString());
        }
    }

    public Outcome run() throws UpstreamException {
        UUID accountId = account.id();
        List<Map.Entry<StoredFolder, ListedFolder>> toSync = new ArrayList<>();
        Map<String, FolderStatus> statuses = new HashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        // the folder set is read and reconciled under the account's lock, so that a folder a device creates,
        // renames or deletes meanwhile is not undone from a LIST taken before the command
        try (MailboxLocks.Held held = locks.account(accountId, FolderSynchronizer.LOCK_WAIT)) {
            reconcile(accountId, toSync, statuses, errors);
        }
        return syncFolders(accountId, toSync, statuses, errors);
    }

    private void reconcile(UUID accountId, List<Map.Entry<StoredFolder, ListedFolder>> toSync,
                           Map<String, FolderStatus> statuses, Map<String, String> errors) throws UpstreamException {
        List<ListedFolder> listed = upstream.listFolders();
        for (ListedFolder folder : listed) {
            if (!folder.selectable()) {
                continue;
            }
            try {
                statuses.put(folder.path(), upstream.status(folder.path()));
            } catch (UpstreamException e) {
                if (e.scope() != UpstreamException.Scope.FOLDER) {
                    throw e;
                }
                errors.put(folder.path(), reason(e));
            }
        }
        List<StoredFolder> stored = mirror.folders(accountId);
        FolderReconciliation plan = FolderReconciliation.reconcile(stored, listed,
                path -> statuses.containsKey(path) ? statuses.get(path).uidValidity() : null);

        for (StoredFolder gone : plan.deleted()) {
            mirror.deleteFolder(accountId, gone.id(), Origin.UPSTREAM);
        }
        for (FolderReconciliation.Renamed renamed : plan.renamed()) {
            mirror.renameFolder(accountId, renamed.before().id(), renamed.after(), Origin.UPSTREAM);
            toSync.add(Map.entry(renamed.before(), renamed.after()));
        }
        for (FolderReconciliation.Kept kept : plan.kept()) {
            if (attributesChanged(kept.stored(), kept.listed())) {
                mirror.updateFolderAttributes(accountId, kept.stored().id(), kept.listed());
            }
            toSync.add(Map.entry(kept.stored(), kept.listed()));
        }
        for (ListedFolder created : plan.created()) {
            toSync.add(Map.entry(mirror.createFolder(accountId, created, Origin.UPSTREAM), created));
        }
    }

    private Outcome syncFolders(UUID accountId, List<Map.Entry<StoredFolder, ListedFolder>> toSync,
                                Map<String, FolderStatus> statuses, Map<String, String> errors)
            throws UpstreamException {

        boolean initial = toSync.stream().anyMatch(e -> statuses.containsKey(e.getValue().path())
                && !e.getKey().initialSyncDone());
        AtomicLong synced = new AtomicLong();
        long total = 0;
        if (initial) {
            for (Map.Entry<StoredFolder, ListedFolder> entry : toSync) {
                FolderStatus status = statuses.get(entry.getValue().path());
                if (status != null) {
                    total += status.messages();
                    boolean sameGeneration = Objects.equals(entry.getKey().uidValidity(), status.uidValidity());
                    synced.addAndGet(sameGeneration ? entry.getKey().messageCount() : 0);
                }
            }
            accounts.recordState(accountId, AccountState.INITIAL_SYNC, null, false, null);
            accounts.recordProgress(accountId, synced.get(), total);
        }
        long progressTotal = total;

        FolderSynchronizer folders = new FolderSynchronizer(upstream, mirror, batchSize, locks);
        for (Map.Entry<StoredFolder, ListedFolder> entry : toSync) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            StoredFolder folder = entry.getKey();
            String path = entry.getValue().path();
            FolderStatus status = statuses.get(path);
            if (status == null) {
                String error = errors.get(path);
                if (error != null) {
                    mirror.recordFolderError(folder.id(), error);
                }
                continue;
            }
            StoredFolder current = withPath(folder, path);
            try {
                folders.sync(accountId, current, status, n -> {
                    if (initial) {
                        accounts.recordProgress(accountId, synced.addAndGet(n), progressTotal);
                    }
                });
                if (folder.lastError() != null) {
                    mirror.recordFolderError(folder.id(), null);
                }
            } catch (UpstreamException e) {
                if (e.scope() != UpstreamException.Scope.FOLDER) {
                    throw e;
                }
                errors.put(path, reason(e));
                mirror.recordFolderError(folder.id(), reason(e));
            } catch (RuntimeException e) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                // a message or folder the mirror cannot take: keep the other folders going
                String reason = truncate("cannot store: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
                errors.put(path, reason);
                mirror.recordFolderError(folder.id(), reason);
            }
        }
        return new Outcome(errors, upstream.quota());
    }

    private static StoredFolder withPath(StoredFolder f, String path) {
        if (f.path().equals(path)) {
            return f;
        }
        return new StoredFolder(f.id(), path, f.name(), f.delimiter(), f.role(), f.selectable(), f.uidValidity(),
                f.uidNext(), f.highestModseq(), f.initialSyncBelow(), f.messageCount(), f.lastError());
    }

    private static boolean attributesChanged(StoredFolder stored, ListedFolder listed) {
        String role = listed.role() == null ? null : listed.role().wireName();
        return !Objects.equals(stored.role(), role) || stored.selectable() != listed.selectable()
                || !Objects.equals(stored.name(), listed.name())
                || !Objects.equals(stored.delimiter(), listed.delimiter());
    }

    static String reason(Exception e) {
        return truncate(Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
    }

    static String truncate(String text) {
        String clean = text.replaceAll("[\\r\\n\\x00]+", " ");
        return clean.length() <= MAX_ERROR_LENGTH ? clean : clean.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
