package io.mailsync.gateway.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.mailbox.MessageFlags;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UidFlagsDiffTest {

    private static final MessageFlags SEEN = MessageFlags.NONE.withSeen(true);

    @Test
    void reportsAddedChangedAndVanishedUids() {
        Map<Long, MessageFlags> stored = Map.of(1L, MessageFlags.NONE, 2L, MessageFlags.NONE, 3L, SEEN);
        Map<Long, MessageFlags> upstream = Map.of(2L, SEEN, 3L, SEEN, 5L, MessageFlags.NONE, 4L, SEEN);
        UidFlagsDiff diff = UidFlagsDiff.between(stored, upstream);
        assertEquals(List.of(4L, 5L), diff.added());
        assertEquals(Map.of(2L, SEEN), diff.changed());
        assertEquals(List.of(1L), diff.vanished());
    }

    @Test
    void equalStateYieldsNothingSoARecordedWriteIsNotReportedAgain() {
        MessageFlags tagged = MessageFlags.NONE.withKeywords(Set.of("$Work", "$Later"));
        Map<Long, MessageFlags> stored = Map.of(1L, tagged);
        Map<Long, MessageFlags> upstream = Map.of(1L, MessageFlags.NONE.withKeywords(List.of("$Later", "$Work")));
        assertTrue(UidFlagsDiff.between(stored, upstream).isEmpty());
    }

    @Test
    void keywordChangeAloneCounts() {
        Map<Long, MessageFlags> stored = Map.of(1L, MessageFlags.NONE);
        Map<Long, MessageFlags> upstream = Map.of(1L, MessageFlags.NONE.withKeywords(Set.of("$Important")));
        assertEquals(Set.of(1L), UidFlagsDiff.between(stored, upstream).changed().keySet());
    }
}
