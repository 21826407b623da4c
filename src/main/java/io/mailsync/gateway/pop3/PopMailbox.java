package io.mailsync.gateway.pop3;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * One device's maildrop as a POP3 session works on it, in the manner of Apache James' POP3 {@code Mailbox}:
 * the messages with their sizes and unique ids, one message's bytes, and the removals of the UPDATE state.
 * Reading a message the server lost is a {@link io.mailsync.gateway.mailbox.MessageUnavailableException};
 * failing to reach the server is an {@link io.mailsync.gateway.mailbox.UpstreamException}.
 */
public interface PopMailbox {

    /** One message of the session's list: what LIST and UIDL show of it. */
    record Entry(UUID id, long size, String uidl) {
    }

    /** The messages as the maildrop was when the session opened it, in maildrop order. */
    List<Entry> messages();

    /** The whole message (RETR): the device's kept copy or the server's, which then counts as downloaded. */
    byte[] retrieve(UUID messageId);

    /** The message as {@link #retrieve} gives it, without counting as a download (TOP). */
    byte[] peek(UUID messageId);

    /** The device received the whole message through {@link #peek} (a TOP reaching its end, as fetchmail reads). */
    void received(UUID messageId, byte[] raw);

    /** The UPDATE state at QUIT: the messages the session deleted leave the device's maildrop, and only it. */
    void remove(Collection<UUID> messageIds);

    /**
     * After the UPDATE state: a device that deletes from the server after download has its downloads
     * deleted there now; when the server cannot be reached, the scheduled expiry does it later.
     */
    void applyServerPolicy();
}
