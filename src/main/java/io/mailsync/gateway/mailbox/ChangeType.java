package io.mailsync.gateway.mailbox;

/** Kinds of change the change log records; the wire name is {@code <object>.<verb>}. */
public enum ChangeType {
    MESSAGE_CREATED("message.created"),
    MESSAGE_UPDATED("message.updated"),
    MESSAGE_MOVED("message.moved"),
    MESSAGE_DESTROYED("message.destroyed"),
    FOLDER_CREATED("folder.created"),
    FOLDER_RENAMED("folder.renamed"),
    FOLDER_DESTROYED("folder.destroyed"),
    FOLDER_RESET("folder.reset"),
    ACCOUNT_UPDATED("account.updated");

    private final String wireName;

    ChangeType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ChangeType fromWireName(String name) {
        for (ChangeType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown change type: " + name);
    }
}
