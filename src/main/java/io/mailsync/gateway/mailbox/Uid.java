package io.mailsync.gateway.mailbox;

import java.util.Collection;
import java.util.List;

/** An IMAP message UID: unique within one folder for one UIDVALIDITY (RFC 3501 2.3.1.1). */
public record Uid(long value) implements Comparable<Uid> {
    public static final long MAX = 0xFFFF_FFFFL;

    public Uid {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("UID out of range: " + value);
        }
    }

    public static Uid of(long value) {
        return new Uid(value);
    }

    /** These numbers as UIDs, in their order; each is checked. */
    public static List<Uid> all(Collection<Long> values) {
        return values.stream().map(Uid::of).toList();
    }

    /** The numbers of these UIDs, in their order, for the wire and for queries. */
    public static List<Long> values(Collection<Uid> uids) {
        return uids.stream().map(Uid::value).toList();
    }

    @Override
    public int compareTo(Uid other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
