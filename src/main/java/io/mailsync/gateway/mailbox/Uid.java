package io.mailsync.gateway.mailbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The numbers of these UIDs, in their order, for the mirror's ports, which keep UIDs as numbers. */
    public static List<Long> values(Collection<Uid> uids) {
        return uids.stream().map(Uid::value).toList();
    }

    /** The same entries keyed by the UIDs' numbers, for the mirror's ports, which keep UIDs as numbers. */
    public static <V> Map<Long, V> byValue(Map<Uid, V> byUid) {
        Map<Long, V> byValue = new HashMap<>(byUid.size() * 2);
        byUid.forEach((uid, value) -> byValue.put(uid.value(), value));
        return byValue;
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
