package io.mailsync.gateway.changes;

/** The changes after a cursor are no longer all retained: the client must resync from the current state. */
public class CursorExpired extends RuntimeException {
    public CursorExpired() {
        super("the changes after this cursor are no longer retained; resync and start from a fresh cursor",
                null, false, false);
    }
}
