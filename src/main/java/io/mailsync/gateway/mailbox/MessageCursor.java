package io.mailsync.gateway.mailbox;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of messages ended, in list order (newest first: arrival time, then id). Opaque to
 * clients: base64url of a version byte, the arrival time in microseconds and the id.
 */
public record MessageCursor(Instant receivedAt, UUID id) {
    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Long.BYTES + 2 * Long.BYTES;

    public MessageCursor {
        if (receivedAt == null || id == null) {
            throw new IllegalArgumentException("a cursor needs an arrival time and an id");
        }
        // the database keeps microseconds; a finer cursor would skip or repeat rows
        receivedAt = receivedAt.truncatedTo(ChronoUnit.MICROS);
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, receivedAt);
        ByteBuffer buffer = ByteBuffer.allocate(BYTES).put(VERSION).putLong(micros)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** Reads a cursor given out by {@link #encode()}; anything else is refused. */
    public static MessageCursor decode(String text) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor given out by this API");
        }
        if (raw.length != BYTES || raw[0] != VERSION) {
            throw new IllegalArgumentException("not a cursor given out by this API");
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw, 1, BYTES - 1);
        long micros = buffer.getLong();
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        try {
            return new MessageCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a cursor given out by this API");
        }
    }
}
