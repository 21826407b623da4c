package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.MessageFlags;
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
public record UidFlagsDiff(List<Long> added, Map<Long, MessageFlags> changed, List<Long> vanished) {

    public UidFlagsDiff {
        added = List.copyOf(added);
        changed = Collections.unmodifiableMap(new TreeMap<>(changed));
        vanished = List.copyOf(vanished);
    }

    public static UidFlagsDiff between(Map<Long, MessageFlags> stored, Map<Long, MessageFlags> upstream) {
        List<Long> added = new ArrayList<>();
        Map<Long, MessageFlags> changed = new TreeMap<>();
        for (Map.Entry<Long, MessageFlags> entry : upstream.entrySet()) {
            MessageFlags mine = stored.get(entry.getKey());
            if (mine == null) {
                added.add(entry.getKey());
            } else if (!mine.equals(entry.getValue())) {
                changed.put(entry.getKey(), entry.getValue());
            }
        }
        List<Long> vanished = new ArrayList<>();
        for (Long uid : stored.keySet()) {
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
