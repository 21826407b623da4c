package io.mailsync.gateway.pop3;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Port: the mirror messages that a message downloaded over upstream POP3 may be, which the comparison puts beside
 * each POP device's downloads.
 */
public interface MirrorMatches {

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
