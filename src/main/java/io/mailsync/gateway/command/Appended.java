package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.MessageMeta;

/**
 * A message stored upstream by APPEND: the folder's UIDVALIDITY and the new message's metadata as the
 * server reports it (null when the server gave no APPENDUID; the sync engine then finds it).
 */
public record Appended(long uidValidity, MessageMeta meta) {
}
