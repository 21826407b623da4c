package io.mailsync.gateway.command;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Device commands on folders, written through: CREATE, RENAME or DELETE upstream first, then the mirror
 * and the change log, under the account's lock so that a sync pass never reconciles the folder set
 * from a LIST taken before the command.
 */
@ApplicationScoped
public class FolderCommands {

    /** Longest folder name (one level), in characters. */
    public static final int MAX_NAME = 200;

    private final CommandMirror mirror;
    private final UpstreamCommands upstream;
    private final MailboxLocks locks;
    private final Duration lockWait;

    public FolderCommands(CommandMirror mirror, UpstreamCommands upstream, MailboxLocks locks, MailsyncConfig config) {
        this.mirror = mirror;
        this.upstream = upstream;
        this.locks = locks;
        this.lockWait = config.upstream().timeout();
    }

    /** Creates a folder at the top level or below {@code parentId}; answers its id. */
    public UUID create(UUID accountId, String name, UUID parentId, Origin origin) {
        try (MailboxLocks.Held held = locks.account(accountId, lockWait)) {
            FolderTarget parent = parentId == null ? null : mirror.folder(accountId, parentId).orElseThrow(() ->
                    new CommandRefused(CommandRefused.Reason.INVALID, "parentId", "is not a folder of this account"));
            Character delimiter = parent != null && parent.delimiter() != null ? parent.delimiter()
                    : upstream.delimiter(accountId);
            checkName(name, delimiter);
            if (parent != null && delimiter == null) {
                throw new CommandRefused(CommandRefused.Reason.CONFLICT, "the server has flat folders; create it at the top");
            }
            String path = parent == null ? name : parent.path() + delimiter + name;
            if (exists(accountId, path)) {
                throw new CommandRefused(CommandRefused.Reason.CONFLICT, "a folder with that name exists already");
            }
            Character told = upstream.createFolder(accountId, path);
            return mirror.recordFolderCreated(accountId, path, name, told != null ? told : delimiter, origin);
        }
    }

    /** Gives the folder a new name at the same level; folders below it follow. */
    public void rename(UUID accountId, UUID folderId, String name, String ifMatch, Origin origin) {
        find(accountId, folderId);
        try (MailboxLocks.Held held = locks.accountAndFolders(accountId, List.of(folderId), lockWait)) {
            FolderTarget folder = find(accountId, folderId);
            checkTag(folder, ifMatch);
            if ("inbox".equals(folder.role()) || "INBOX".equalsIgnoreCase(folder.path())) {
                throw new CommandRefused(CommandRefused.Reason.CONFLICT, "INBOX cannot be renamed");
            }
            checkName(name, folder.delimiter());
            String parentPath = parentPath(folder);
            String path = parentPath == null ? name : parentPath + folder.delimiter() + name;
            if (path.equals(folder.path())) {
                return;
            }
            if (exists(accountId, path)) {
                throw new CommandRefused(CommandRefused.Reason.CONFLICT, "a folder with that name exists already");
            }
            upstream.renameFolder(accountId, folder.path(), path);
            mirror.recordFolderRenamed(accountId, folderId, path, name, origin);
        }
    }

    /** Deletes an empty-of-subfolders folder that has no role, with its messages. */
    public void delete(UUID accountId, UUID folderId, String ifMatch, Origin origin) {
        find(accountId, folderId);
        try (MailboxLocks.Held held = locks.accountAndFolders(accountId, List.of(folderId), lockWait)) {
            FolderTarget folder = find(accountId, folderId);
            checkTag(folder, ifMatch);
            if (folder.role() != null || "INBOX".equalsIgnoreCase(folder.path())) {
                throw new CommandRefused(CommandRefused.Reason.CONFLICT, "this is the account's "
                        + (folder.role() == null ? "inbox" : folder.role()) + " folder and cannot be deleted");
            }
            if (folder.delimiter() != null && mirror.folders(accountId).stream()
                    .anyMatch(f -> f.path().startsWith(folder.path() + folder.delimiter()))) {
                throw new CommandRefused(CommandRefused.Reason.CONFLICT, "the folder has subfolders; delete them first");
            }
            upstream.deleteFolder(accountId, folder.path());
            mirror.recordFolderDeleted(accountId, folderId, origin);
        }
    }

    private FolderTarget find(UUID accountId, UUID folderId) {
        return mirror.folder(accountId, folderId)
                .orElseThrow(() -> new CommandRefused(CommandRefused.Reason.NOT_FOUND, "folder not found"));
    }

    private boolean exists(UUID accountId, String path) {
        return mirror.folders(accountId).stream().anyMatch(f -> f.path().equalsIgnoreCase(path));
    }

    private static String parentPath(FolderTarget folder) {
        if (folder.delimiter() == null) {
            return null;
        }
        int cut = folder.path().lastIndexOf(folder.delimiter());
        return cut < 0 ? null : folder.path().substring(0, cut);
    }

    private static void checkTag(FolderTarget folder, String ifMatch) {
        if (ifMatch != null && !ETags.matches(ifMatch, folder.tag())) {
            throw new CommandRefused(CommandRefused.Reason.STALE,
                    "the folder changed since that ETag; read it again and retry");
        }
    }

    /** One level of a folder path: printable, bounded, without the hierarchy delimiter or IMAP wildcards. */
    static void checkName(String name, Character delimiter) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || !name.equals(name.strip())) {
            throw new CommandRefused(CommandRefused.Reason.INVALID, "name",
                    "must be 1 to " + MAX_NAME + " characters without leading or trailing spaces");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '*' || c == '%'
                    || (delimiter != null && c == delimiter)) {
                throw new CommandRefused(CommandRefused.Reason.INVALID, "name", "must not contain control characters, "
                        + "* or %" + (delimiter == null ? "" : " or the hierarchy delimiter " + delimiter));
            }
        }
        if ("INBOX".equalsIgnoreCase(name) || ".".equals(name) || "..".equals(name)) {
            throw new CommandRefused(CommandRefused.Reason.INVALID, "name", "is a reserved name");
        }
    }
}
