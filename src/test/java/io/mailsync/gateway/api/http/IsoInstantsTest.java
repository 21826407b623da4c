package io.mailsync.gateway.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void writesWhatInstantToStringWrites() {
        for (Instant instant : List.of(Instant.EPOCH, Instant.parse("2026-11-28T05:00:00.123456Z"),
                Instant.parse("2026-11-28T05:00:01Z"), Instant.parse("1999-12-31T23:59:59.999Z"),
                Instant.parse("2024-02-29T12:34:56.000000001Z"), Instant.parse("1969-12-31T23:59:59.100Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.MIN, Instant.MAX)) {
            assertEquals(instant.toString(), IsoInstants.format(instant));
        }
    }

    @Test
    void writesWhatInstantToStringWritesForManyInstants() {
        SplittableRandom random = new SplittableRandom(20261128);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), IsoInstants.format(instant));
        }
    }
}
