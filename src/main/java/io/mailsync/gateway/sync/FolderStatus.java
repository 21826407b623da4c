package io.mailsync.gateway.sync;

/**
 * What an IMAP STATUS (or SELECT) says about a folder: enough to tell whether anything changed
 * without opening it. {@code highestModseq} is null when the server has no CONDSTORE for it.
 */
public record FolderStatus(long messages, long uidNext, long uidValidity, Long highestModseq, long unseen) {
}
