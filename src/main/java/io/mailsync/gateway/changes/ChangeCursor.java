package io.mailsync.gateway.changes;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in one account's change log: everything up to {@code sequence} has been seen. On the wire
 * it is opaque (base64url of the account id and the sequence), so a cursor of another account is told
 * apart from a valid one.
 */
public record ChangeCursor(UUID accountId, long sequence) {
    private static final int LENGTH = 16 + 8;

    public ChangeCursor {
        if (accountId == null || sequence < 0) {
            throw new IllegalArgumentException("a cursor has an account and a sequence of at least 0");
        }
    }

    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH);
        bytes.putLong(accountId.getMostSignificantBits()).putLong(accountId.getLeastSignificantBits()).putLong(sequence);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The cursor this text encodes, or empty when it is not one the gateway issued. */
    public static Optional<ChangeCursor> decode(String text) {
        if (text == null || text.length() != 32) {
            return Optional.empty();
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(text));
            if (bytes.remaining() != LENGTH) {
                return Optional.empty();
            }
            UUID account = new UUID(bytes.getLong(), bytes.getLong());
            long sequence = bytes.getLong();
            return sequence < 0 ? Optional.empty() : Optional.of(new ChangeCursor(account, sequence));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
