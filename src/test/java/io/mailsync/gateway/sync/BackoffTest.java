package io.mailsync.gateway.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void ceilingDoublesWithEachFailureUntilTheCap() {
        assertEquals(Duration.ZERO, backoff.ceiling(0));
        assertEquals(Duration.ofSeconds(1), backoff.ceiling(1));
        assertEquals(Duration.ofSeconds(2), backoff.ceiling(2));
        assertEquals(Duration.ofSeconds(256), backoff.ceiling(9));
        assertEquals(Duration.ofMinutes(5), backoff.ceiling(10));
        assertEquals(Duration.ofMinutes(5), backoff.ceiling(1_000));
    }

    @Test
    void delayIsJitteredAcrossTheWholeRangeAndNeverAboveTheCeiling() {
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long millis = backoff.delay(20, random).toMillis();
            assertTrue(millis >= 0 && millis <= 300_000, "delay within [0, cap]: " + millis);
            min = Math.min(min, millis);
            max = Math.max(max, millis);
        }
        assertTrue(min < 30_000, "full jitter reaches low delays, lowest was " + min);
        assertTrue(max > 270_000, "full jitter reaches the cap, highest was " + max);
    }

    @Test
    void capBelowBaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)));
    }
}
