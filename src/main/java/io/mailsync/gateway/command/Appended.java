package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.UidValidity;

/**
 * A message stored upstream by APPEND: the folder's UIDVALIDITY (null when none is known) and the new message's
 * metadata as the server reports it (null when the server gave no APPENDUID; the sync engine then finds it).
 */
public record Appended(UidValidity uidValidity, MessageMeta meta) {
}
