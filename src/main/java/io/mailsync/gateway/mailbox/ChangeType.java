package io.mailsync.gateway.mailbox;

/**
 * Kinds of change the change log records, each with the {@link ChangeData} it carries; the wire name is
 * {@code <object>.<verb>}.
 */
public enum ChangeType {
    MESSAGE_CREATED("message.created", ChangeData.MessageCreated.class),
    MESSAGE_UPDATED("message.updated", ChangeData.FlagsChanged.class),
    MESSAGE_MOVED("message.moved", ChangeData.MessageMoved.class),
    MESSAGE_DESTROYED("message.destroyed", ChangeData.MessageDestroyed.class),
    FOLDER_CREATED("folder.created", ChangeData.FolderCreated.class),
    FOLDER_RENAMED("folder.renamed", ChangeData.FolderRenamed.class),
    FOLDER_DESTROYED("folder.destroyed", ChangeData.FolderDestroyed.class),
    FOLDER_RESET("folder.reset", ChangeData.FolderReset.class),
    ACCOUNT_UPDATED("account.updated", ChangeData.AccountUpdated.class);

    private final String wireName;
    private final Class<? extends ChangeData> data;

    ChangeType(String wireName, Class<? extends ChangeData> data) {
        this.wireName = wireName;
        this.data = data;
    }

    /** The kind of change that carries this data. */
    static ChangeType of(ChangeData data) {
        for (ChangeType type : values()) {
            if (type.data == data.getClass()) {
                return type;
            }
        }
        throw new IllegalArgumentException("no change type carries " + data.getClass().getSimpleName());
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
