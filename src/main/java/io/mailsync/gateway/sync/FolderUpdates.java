package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Uid;
import java.util.Map;
import java.util.Set;

/**
 * What CONDSTORE/QRESYNC reported for a folder since a modseq: current flags of each changed (or new)
 * message, deduplicated by UID, and the UIDs that vanished (QRESYNC only; empty otherwise).
 */
public record FolderUpdates(Map<Uid, MessageFlags> changed, Set<Uid> vanished) {
    public FolderUpdates {
        changed = Map.copyOf(changed);
        vanished = Set.copyOf(vanished);
    }
}
