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

    /**
     * The UIDVALIDITY a stored or reported number stands for, or null when there is none: the mirror has none
     * before a folder's first sync, and Angus Mail says -1 when a server told none.
     */
    public static UidValidity known(Long value) {
        return value == null || value < 1 ? null : new UidValidity(value);
    }
}
