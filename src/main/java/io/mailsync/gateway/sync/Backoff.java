package io.mailsync.gateway.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before reconnecting after failures: capped exponential growth with full jitter,
 * so that a thousand accounts on one failed server do not all come back in the same second.
 */
public record Backoff(Duration base, Duration max) {
    public Backoff {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive");
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff cap must not be below its base");
        }
    }

    /** The ceiling for the given number of consecutive failures (1 = first failure): base·2^(n-1), capped. */
    public Duration ceiling(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int shift = Math.min(failures - 1, 40);
        long millis = base.toMillis();
        long ceiling = millis > (max.toMillis() >> shift) ? max.toMillis() : millis << shift;
        return Duration.ofMillis(Math.min(ceiling, max.toMillis()));
    }

    /** A delay drawn uniformly from [0, ceiling] ("full jitter"). */
    public Duration delay(int failures, RandomGenerator random) {
        long ceiling = ceiling(failures).toMillis();
        return ceiling == 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}
