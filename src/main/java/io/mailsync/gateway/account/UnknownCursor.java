package io.mailsync.gateway.account;

/** A cursor into the account list that the gateway did not hand out; the message says what is wrong with it. */
public class UnknownCursor extends RuntimeException {
    public UnknownCursor() {
        super("is not a cursor this API issued", null, false, false);
    }
}
