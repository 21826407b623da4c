package io.mailsync.gateway.mailbox;

import java.util.UUID;

/**
 * Where a mirrored message lives upstream: its folder path, the folder's UIDVALIDITY when the
 * mirror recorded it, and its UID there.
 */
public record MessageLocation(UUID accountId, UUID folderId, String folderPath, UidValidity uidValidity, Uid uid) {
}
