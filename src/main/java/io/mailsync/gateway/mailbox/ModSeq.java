package io.mailsync.gateway.mailbox;

/** A CONDSTORE modification sequence (RFC 7162): grows with every change on the server. */
public record ModSeq(long value) implements Comparable<ModSeq> {
    public static final ModSeq NONE = new ModSeq(0);

    public ModSeq {
        if (value < 0) {
            throw new IllegalArgumentException("MODSEQ must not be negative: " + value);
        }
    }

    public static ModSeq of(long value) {
        return new ModSeq(value);
    }

    public boolean isAfter(ModSeq other) {
        return value > other.value;
    }

    @Override
    public int compareTo(ModSeq other) {
        return Long.compare(value, other.value);
    }
}
