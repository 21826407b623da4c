package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.UidValidity;

/**
 * A folder as an upstream command addresses it: its path and the UIDVALIDITY the mirror recorded
 * (null before the folder's first sync). A command on UIDs fails when UIDVALIDITY changed upstream.
 */
public record FolderRef(String path, UidValidity uidValidity) {
}
