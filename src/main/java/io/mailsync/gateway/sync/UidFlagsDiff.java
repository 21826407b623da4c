package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Uid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The difference between the mirror's UID→flags map of a folder and the upstream one: UIDs to add,
 * flags that differ (with the upstream value), UIDs that vanished. Equal entries yield nothing,
 * so a state the gateway already recorded is never reported twice.
 */
public record UidFlagsDiff(List<Uid> added, Map<Uid, MessageFlags> changed, List<Uid> vanished) {

    public UidFlagsDiff {
        added = List.copyOf(added);
        changed = Collections.unmodifiableMap(new TreeMap<>(changed));
        vanished = List.copyOf(vanished);
    }

    public static UidFlagsDiff between(Map<Uid, MessageFlags> stored, Map<Uid, MessageFlags> upstream) {
        List<Uid> added = new ArrayList<>();
        Map<Uid, MessageFlags> changed = new TreeMap<>();
        for (Map.Entry<Uid, MessageFlags> entry : upstream.entrySet()) {
            MessageFlags mine = stored.get(entry.getKey());
            if (mine == null) {
                added.add(entry.getKey());
            } else if (!mine.equals(entry.getValue())) {
                changed.put(entry.getKey(), entry.getValue());
            }
        }
        List<Uid> vanished = new ArrayList<>();
        for (Uid uid : stored.keySet()) {
            if (!upstream.containsKey(uid)) {
                vanished.add(uid);
            }
        }
        Collections.sort(added);
        Collections.sort(vanished);
        return new UidFlagsDiff(added, changed, vanished);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && vanished.isEmpty();
    }
}
