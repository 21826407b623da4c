package io.mailsync.gateway.mailbox;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Port: the shared IMAP mirror as its readers see it (the devices' views, drafts, the POP model): folders with their
 * counts, pages of messages, one message with where it lives upstream, and the change sequence that versions them.
 */
public interface MirrorReader {

    /** The account's folders, INBOX first then by path; empty when the account does not exist. */
    Optional<List<FolderSummary>> folders(UUID accountId);

    /** One folder of the account with its counts and ETag; empty when it is not this account's. */
    Optional<MailboxView.TaggedFolder> folder(UUID accountId, UUID folderId);

    /** One page of the account's messages, newest first; empty when the account, or the folder asked for, is gone. */
    Optional<MessagePage> messages(UUID accountId, MessageQuery query);

    /**
     * The account's change sequence, which moves with every change to its mail: two reads that see the same value see
     * the same mail. Empty when there is no such account.
     */
    OptionalLong changeSequence(UUID accountId);

    /** A message of the account with where to fetch it upstream; empty when it is not this account's. */
    Optional<StoredMessage> message(UUID accountId, UUID messageId);
}
