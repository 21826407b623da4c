package io.mailsync.gateway.api.http;

import io.mailsync.gateway.config.MailsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per bearer token, in memory: a token that sends too fast gets 429 while every other
 * token is served as before. Buckets are keyed by the token's hash, never the token, and their number is
 * bounded: idle (refilled) buckets go first, then arbitrary ones, which only ever errs towards serving.
 */
@ApplicationScoped
public class TokenBuckets {

    private final boolean enabled;
    private final double perNano;
    private final double burst;
    private final int maxTracked;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    TokenBuckets(MailsyncConfig config) {
        this(config.rateLimit().enabled(), config.rateLimit().requestsPerSecond(), config.rateLimit().burst(),
                config.rateLimit().maxTrackedTokens());
    }

    TokenBuckets(boolean enabled, double requestsPerSecond, int burst, int maxTracked) {
        this.enabled = enabled;
        this.perNano = requestsPerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.maxTracked = Math.max(1, maxTracked);
    }

    /** One bucket: the requests it still allows and when it was last refilled. */
    private static final class Bucket {
        private double available;
        private long refilledAt;

        Bucket(double available, long now) {
            this.available = available;
            this.refilledAt = now;
        }

        synchronized long take(long now, double perNano, double burst) {
            available = Math.min(burst, available + (now - refilledAt) * perNano);
            refilledAt = now;
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - available) / perNano);
        }

        synchronized boolean isFull(long now, double perNano, double burst) {
            return available + (now - refilledAt) * perNano >= burst;
        }
    }

    /** Takes one request from the key's bucket: 0 when allowed, otherwise the nanoseconds until one is. */
    public long take(String key) {
        if (!enabled) {
            return 0;
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            makeRoom(now);
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        return bucket.take(now, perNano, burst);
    }

    /** Buckets held now (for tests of the bound). */
    int tracked() {
        return buckets.size();
    }

    private void makeRoom(long now) {
        if (buckets.size() < maxTracked) {
            return;
        }
        buckets.values().removeIf(b -> b.isFull(now, perNano, burst));
        Iterator<Bucket> it = buckets.values().iterator();
        int excess = buckets.size() - maxTracked + 1 + maxTracked / 10;
        while (excess-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
