package io.mailsync.gateway.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageCursorTest {

    @Test
    void cursorSurvivesTheRoundTripAtMicrosecondPrecision() {
        MessageCursor cursor = new MessageCursor(Instant.parse("2026-01-05T09:00:00.123456789Z"), UUID.randomUUID());
        MessageCursor back = MessageCursor.decode(cursor.encode());
        assertEquals(cursor, back);
        assertEquals(Instant.parse("2026-01-05T09:00:00.123456Z"), back.receivedAt());
        assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"), "URL-safe without escaping");
    }

    @Test
    void cursorsBeforeTheEpochWork() {
        MessageCursor old = new MessageCursor(Instant.parse("1969-12-31T23:59:59Z"), UUID.randomUUID());
        assertEquals(old, MessageCursor.decode(old.encode()));
    }

    @Test
    void anythingElseIsRefused() {
        String valid = new MessageCursor(Instant.now(), UUID.randomUUID()).encode();
        for (String bad : new String[] {"", "abc", "!!!!", valid.substring(1), valid + "A", "Z" + valid.substring(1)}) {
            assertThrows(IllegalArgumentException.class, () -> MessageCursor.decode(bad), bad);
        }
    }
}
