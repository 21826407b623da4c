package io.mailsync.gateway.sync;

/** Storage use and limit an upstream server reports through IMAP QUOTA, in KiB. */
public record Quota(long usedKib, long limitKib) {
}
