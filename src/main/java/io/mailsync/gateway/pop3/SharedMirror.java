package io.mailsync.gateway.pop3;

import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.mailbox.MessagePage;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.mailsync.gateway.mailbox.StoredMessage;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The account's shared IMAP mirror as the POP model reads it: the folders a device's own folders are
 * named after, the mirror's messages that feed maildrops and that the comparison puts beside them.
 */
public interface SharedMirror {

    /** The account's folders, INBOX first then by path; empty when the account does not exist. */
    Optional<List<FolderSummary>> folders(UUID accountId);

    /** One page of the account's messages, newest first; empty when the account or the folder asked for is gone. */
    Optional<MessagePage> messages(UUID accountId, MessageQuery query);

    /** A message of the account with where to fetch it upstream; empty when it is not this account's. */
    Optional<StoredMessage> message(UUID accountId, UUID messageId);

    /** A mirror message that a message downloaded over upstream POP3 may be: what the comparison matches on. */
    record MatchCandidate(UUID id, String messageIdHeader, long size, Instant sentAt, Instant receivedAt,
            boolean inInbox) {
    }

    /**
     * The account's mirror messages whose Message-ID header is one of {@code messageIdHeaders} or whose size
     * is one of {@code sizes}, oldest first: the candidates for matching POP3 downloads to the mirror.
     */
    List<MatchCandidate> matchCandidates(UUID accountId, Collection<String> messageIdHeaders,
            Collection<Long> sizes);
}
