package io.mailsync.gateway.command;

import java.util.UUID;

/**
 * One action on messages, as PATCH and batch express it: a flag change, then optionally a move to
 * {@code targetFolderId}; or a delete ({@code delete} true: to Trash, or permanently with
 * {@code permanent}, or when the message already is in Trash).
 */
public record MessageCommand(FlagChange flags, UUID targetFolderId, boolean delete, boolean permanent) {
    public MessageCommand {
        flags = flags == null ? new FlagChange(null, null, null, null, null) : flags;
        if (delete && (targetFolderId != null || !flags.isEmpty())) {
            throw new IllegalArgumentException("a delete cannot be combined with flag changes or a move");
        }
    }

    public boolean isEmpty() {
        return flags.isEmpty() && targetFolderId == null && !delete;
    }

    public static MessageCommand delete(boolean permanent) {
        return new MessageCommand(null, null, true, permanent);
    }
}
