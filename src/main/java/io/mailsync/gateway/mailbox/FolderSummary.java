package io.mailsync.gateway.mailbox;

import java.util.UUID;

/** A mirrored folder as devices list it: where it is, what it is for, and how much it holds. */
public record FolderSummary(UUID id, String name, String path, FolderRole role, boolean selectable,
                            long total, long unread) {
}
