package io.mailsync.gateway.pop3;

/** What a POP device's downloads do to the server copy, as mail clients offer it. */
public enum DeleteFromServer {
    /** Leave the message on the server for good. */
    NEVER,
    /** Delete it from the server once the device has downloaded it (at the end of that POP3 session). */
    AFTER_DOWNLOAD,
    /** Leave a copy on the server for a number of days after the download, then delete it. */
    AFTER_DAYS
}
