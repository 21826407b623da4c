package io.mailsync.gateway.pop3;

import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.mailbox.MirrorReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A POP device's own folders, as the REST folder and message endpoints show them: the account's folder
 * names and ids (so that one client's folder picker works under both models), plus any local folder the
 * device made up, each counted from the device's maildrop. Filing a message into one never reaches the server.
 */
@ApplicationScoped
public class PopFolders {

    /** The local folder every message of a maildrop starts in. */
    public static final String INBOX = "INBOX";

    /** The device's folders and how local folder names map to folder ids. */
    public record Tree(List<FolderSummary> folders, UUID inboxId, Map<String, UUID> idsByLocal,
            Map<UUID, String> localsById, UUID deviceId) {

        /** The id a local folder name shows under; local-only names get a stable id of their own. */
        public UUID idOf(String local) {
            if (INBOX.equalsIgnoreCase(local) && inboxId != null) {
                return inboxId;
            }
            UUID id = idsByLocal.get(local);
            return id != null ? id : localOnlyId(deviceId, local);
        }

        /** The local folder name a folder id stands for, when it is one of the device's folders. */
        public Optional<String> localOf(UUID id) {
            return Optional.ofNullable(localsById.get(id));
        }
    }

    private final MirrorReader mirror;
    private final PopMaildrops maildrops;

    PopFolders(MirrorReader mirror, PopMaildrops maildrops) {
        this.mirror = mirror;
        this.maildrops = maildrops;
    }

    /** The device's folders with its own total and unread counts; empty when the account is gone. */
    public Optional<Tree> of(PopDevice device) {
        Optional<List<FolderSummary>> account = mirror.folders(device.accountId());
        if (account.isEmpty()) {
            return Optional.empty();
        }
        Map<String, long[]> counts = maildrops.folderCounts(device.id());
        Map<String, UUID> idsByLocal = new HashMap<>();
        Map<UUID, String> localsById = new HashMap<>();
        List<FolderSummary> folders = new ArrayList<>();
        UUID inboxId = null;
        for (FolderSummary f : account.get()) {
            String local = f.role() == FolderRole.INBOX ? INBOX : f.path();
            if (f.role() == FolderRole.INBOX) {
                inboxId = f.id();
            }
            if (!f.selectable() || idsByLocal.containsKey(local)) {
                folders.add(new FolderSummary(f.id(), f.name(), f.path(), f.role(), f.selectable(), 0, 0));
                continue;
            }
            idsByLocal.put(local, f.id());
            localsById.put(f.id(), local);
            long[] c = counts.getOrDefault(local, new long[2]);
            folders.add(new FolderSummary(f.id(), f.name(), f.path(), f.role(), true, c[0], c[1]));
        }
        // folders only this device has: made up through the maildrop endpoints, or left by a rename upstream
        Map<String, long[]> localOnly = new TreeMap<>(counts);
        localOnly.keySet().removeAll(idsByLocal.keySet());
        if (inboxId != null) {
            localOnly.keySet().removeIf(INBOX::equalsIgnoreCase);
        }
        for (Map.Entry<String, long[]> e : localOnly.entrySet()) {
            UUID id = localOnlyId(device.id(), e.getKey());
            localsById.put(id, e.getKey());
            String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            folders.add(new FolderSummary(id, name, e.getKey(), null, true, e.getValue()[0], e.getValue()[1]));
        }
        return Optional.of(new Tree(List.copyOf(folders), inboxId, Map.copyOf(idsByLocal), Map.copyOf(localsById),
                device.id()));
    }

    private static UUID localOnlyId(UUID deviceId, String local) {
        return UUID.nameUUIDFromBytes(("pop-folder:" + deviceId + ":" + local).getBytes(StandardCharsets.UTF_8));
    }
}
