package io.mailsync.gateway.idempotency;

/** What claiming an Idempotency-Key found: the caller may act, or must replay, or must be refused. */
public record KeyClaim(State state, StoredAnswer answer) {

    /** The outcomes of a claim. */
    public enum State {
        /** First use: act, then {@link IdempotencyKeys#complete} or {@link IdempotencyKeys#release}. */
        CLAIMED,
        /** Done before with the same request: answer {@link #answer()}. */
        REPLAY,
        /** The key was used for a different request. */
        MISMATCH,
        /** The first request with this key is still running. */
        IN_FLIGHT,
        /** The first request never finished (the gateway stopped mid-way): its outcome is unknown. */
        ABANDONED
    }
}
