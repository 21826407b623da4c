package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.Map;
import java.util.Set;

/**
 * What a move did upstream: the UIDs that moved, their new UIDs in the target (from COPYUID, RFC 4315)
 * where the server told them, and the target's UIDVALIDITY from the same answer (null when not told).
 */
public record MoveResult(Set<Uid> moved, Map<Uid, Uid> newUids, UidValidity targetUidValidity) {
    public MoveResult {
        moved = Set.copyOf(moved);
        newUids = Map.copyOf(newUids);
    }
}
