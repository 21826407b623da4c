package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.FolderRole;

/** A folder as the upstream LIST shows it: decoded full path, leaf name, role, and whether it holds mail. */
public record ListedFolder(String path, String name, Character delimiter, FolderRole role, boolean selectable) {
}
