package io.mailsync.gateway.command;

import java.util.Map;
import java.util.Set;

/**
 * What a move did upstream: the UIDs that moved, their new UIDs in the target (from COPYUID, RFC 4315)
 * where the server told them, and the target's UIDVALIDITY from the same answer (null when not told).
 */
public record MoveResult(Set<Long> moved, Map<Long, Long> newUids, Long targetUidValidity) {
    public MoveResult {
        moved = Set.copyOf(moved);
        newUids = Map.copyOf(newUids);
    }
}
