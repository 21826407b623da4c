package io.mailsync.gateway.account;

/** Where an account's sync stands, as operators and devices see it. */
public enum AccountState {
    INITIAL_SYNC("initial-sync"),
    SYNCING("syncing"),
    IDLE("idle"),
    ERROR("error"),
    AUTH_FAILED("auth-failed");

    private final String wireName;

    AccountState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
