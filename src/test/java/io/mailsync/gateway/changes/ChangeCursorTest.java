package io.mailsync.gateway.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    @Test
    void encodesAccountAndSequenceOpaquely() {
        ChangeCursor cursor = new ChangeCursor(UUID.randomUUID(), 123_456_789L);
        String text = cursor.encode();
        assertEquals(32, text.length());
        assertTrue(text.matches("[A-Za-z0-9_-]+"), "URL-safe: " + text);
        assertEquals(cursor, ChangeCursor.decode(text).orElseThrow());
    }

    @Test
    void garbageIsNoCursor() {
        assertTrue(ChangeCursor.decode(null).isEmpty());
        assertTrue(ChangeCursor.decode("").isEmpty());
        assertTrue(ChangeCursor.decode("not a cursor").isEmpty());
        assertTrue(ChangeCursor.decode("!".repeat(32)).isEmpty());
        assertTrue(ChangeCursor.decode("_".repeat(32)).isEmpty(), "a negative sequence is refused");
    }
}
