package io.mailsync.gateway.mailbox;

/** A folder's UIDVALIDITY: when it changes, every UID the mirror holds for that folder is void. */
public record UidValidity(long value) {
    public UidValidity {
        if (value < 1 || value > Uid.MAX) {
            throw new IllegalArgumentException("UIDVALIDITY out of range: " + value);
        }
    }

    public static UidValidity of(long value) {
        return new UidValidity(value);
    }
}
