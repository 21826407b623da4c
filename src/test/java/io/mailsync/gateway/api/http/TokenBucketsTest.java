package io.mailsync.gateway.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    @Test
    void burstIsServedThenTheTokenWaitsWhileOthersAreServed() {
        TokenBuckets buckets = new TokenBuckets(true, 1, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, buckets.take("phone"), "request " + i + " is within the burst");
        }
        long wait = buckets.take("phone");
        assertTrue(wait > 0 && wait <= 1_000_000_000L, "the sixth waits at most one refill: " + wait);
        assertEquals(0, buckets.take("laptop"), "another token keeps its own bucket");
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfTokens() {
        TokenBuckets buckets = new TokenBuckets(true, 1, 5, 1000);
        for (int i = 0; i < 100_000; i++) {
            buckets.take("token-" + i);
            buckets.take("token-" + i);
        }
        assertTrue(buckets.tracked() <= 1000, "tracked " + buckets.tracked());
    }

    @Test
    void disabledLimiterServesEverything() {
        TokenBuckets buckets = new TokenBuckets(false, 1, 1, 10);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, buckets.take("phone"));
        }
    }
}
