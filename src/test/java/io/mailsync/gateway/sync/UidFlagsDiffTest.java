package io.mailsync.gateway.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.Uid;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UidFlagsDiffTest {

    private static final MessageFlags SEEN = MessageFlags.NONE.withSeen(true);

    @Test
    void reportsAddedChangedAndVanishedUids() {
        Map<Uid, MessageFlags> stored = Map.of(uid(1), MessageFlags.NONE, uid(2), MessageFlags.NONE, uid(3), SEEN);
        Map<Uid, MessageFlags> upstream = Map.of(uid(2), SEEN, uid(3), SEEN, uid(5), MessageFlags.NONE, uid(4), SEEN);
        UidFlagsDiff diff = UidFlagsDiff.between(stored, upstream);
        assertEquals(List.of(uid(4), uid(5)), diff.added());
        assertEquals(Map.of(uid(2), SEEN), diff.changed());
        assertEquals(List.of(uid(1)), diff.vanished());
    }

    @Test
    void equalStateYieldsNothingSoARecordedWriteIsNotReportedAgain() {
        MessageFlags tagged = MessageFlags.NONE.withKeywords(Set.of("$Work", "$Later"));
        Map<Uid, MessageFlags> stored = Map.of(uid(1), tagged);
        Map<Uid, MessageFlags> upstream = Map.of(uid(1), MessageFlags.NONE.withKeywords(List.of("$Later", "$Work")));
        assertTrue(UidFlagsDiff.between(stored, upstream).isEmpty());
    }

    @Test
    void keywordChangeAloneCounts() {
        Map<Uid, MessageFlags> stored = Map.of(uid(1), MessageFlags.NONE);
        Map<Uid, MessageFlags> upstream = Map.of(uid(1), MessageFlags.NONE.withKeywords(Set.of("$Important")));
        assertEquals(Set.of(uid(1)), UidFlagsDiff.between(stored, upstream).changed().keySet());
    }

    private static Uid uid(long value) {
        return Uid.of(value);
    }
}
