package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.UidValidity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Matches the mirror's folders with an upstream listing. A folder that disappeared and one that
 * appeared with the same UIDVALIDITY in the same listing is a rename: it keeps its id (and messages).
 * A UIDVALIDITY shared by several disappeared or appeared folders is ambiguous and counts as none.
 */
public record FolderReconciliation(List<ListedFolder> created, List<Renamed> renamed, List<StoredFolder> deleted,
                                   List<Kept> kept) {

    /** A stored folder now known upstream under another path. */
    public record Renamed(StoredFolder before, ListedFolder after) {
    }

    /** A stored folder still listed under the same path. */
    public record Kept(StoredFolder stored, ListedFolder listed) {
    }

    /**
     * @param uidValidityOf UIDVALIDITY of a listed path (null when unknown, e.g. \Noselect or STATUS failed)
     */
    public static FolderReconciliation reconcile(List<StoredFolder> stored, List<ListedFolder> listed,
                                                 Function<String, UidValidity> uidValidityOf) {
        Map<String, StoredFolder> storedByPath = new HashMap<>();
        stored.forEach(folder -> storedByPath.put(folder.path(), folder));
        Map<String, ListedFolder> listedByPath = new HashMap<>();
        listed.forEach(folder -> listedByPath.put(folder.path(), folder));

        List<Kept> kept = new ArrayList<>();
        List<ListedFolder> appeared = new ArrayList<>();
        for (ListedFolder folder : listed) {
            StoredFolder mine = storedByPath.get(folder.path());
            if (mine != null) {
                kept.add(new Kept(mine, folder));
            } else {
                appeared.add(folder);
            }
        }
        List<StoredFolder> disappeared = stored.stream().filter(f -> !listedByPath.containsKey(f.path())).toList();

        Map<UidValidity, Integer> goneCount = new HashMap<>();
        disappeared.forEach(f -> {
            if (f.uidValidity() != null) {
                goneCount.merge(f.uidValidity(), 1, Integer::sum);
            }
        });
        Map<UidValidity, Integer> newCount = new HashMap<>();
        appeared.forEach(f -> {
            UidValidity validity = uidValidityOf.apply(f.path());
            if (validity != null) {
                newCount.merge(validity, 1, Integer::sum);
            }
        });

        List<Renamed> renamed = new ArrayList<>();
        List<ListedFolder> created = new ArrayList<>();
        List<StoredFolder> deleted = new ArrayList<>(disappeared);
        for (ListedFolder folder : appeared) {
            UidValidity validity = uidValidityOf.apply(folder.path());
            boolean unique = validity != null && newCount.getOrDefault(validity, 0) == 1
                    && goneCount.getOrDefault(validity, 0) == 1;
            if (unique) {
                StoredFolder before = disappeared.stream()
                        .filter(f -> validity.equals(f.uidValidity())).findFirst().orElseThrow();
                deleted.remove(before);
                renamed.add(new Renamed(before, folder));
            } else {
                created.add(folder);
            }
        }
        return new FolderReconciliation(List.copyOf(created), List.copyOf(renamed), List.copyOf(deleted),
                List.copyOf(kept));
    }
}
