package io.mailsync.gateway.device;

/** When a POP3 device's downloads are removed from the upstream server, as mail clients offer it. */
public enum Pop3DeletePolicy {
    NEVER,
    AFTER_DOWNLOAD,
    AFTER_DAYS
}
