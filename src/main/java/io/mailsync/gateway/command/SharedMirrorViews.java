package io.mailsync.gateway.command;

import io.mailsync.gateway.mailbox.BatchResult;
import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.mailbox.MailboxRefused;
import io.mailsync.gateway.mailbox.MailboxView;
import io.mailsync.gateway.mailbox.MessageContent;
import io.mailsync.gateway.mailbox.MessageDownload;
import io.mailsync.gateway.mailbox.MessagePage;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.mailsync.gateway.mailbox.MirrorReader;
import io.mailsync.gateway.mailbox.Origin;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.mailsync.gateway.mailbox.UpstreamMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The account's mail as every caller without mail of its own sees it: lists from the shared mirror, bodies
 * from the upstream server on demand, changes written through upstream by the command services.
 */
@ApplicationScoped
class SharedMirrorViews implements MailboxView.SharedMirror {

    private final MirrorReader queries;
    private final UpstreamMessages upstream;
    private final MessageCommands messages;
    private final FolderCommands folders;

    SharedMirrorViews(MirrorReader queries, UpstreamMessages upstream, MessageCommands messages,
                      FolderCommands folders) {
        this.queries = queries;
        this.upstream = upstream;
        this.messages = messages;
        this.folders = folders;
    }

    @Override
    public MailboxView of(UUID accountId, Origin origin) {
        return new View(accountId, origin);
    }

    /** One account's shared mirror, for a caller whose changes carry {@code origin}. */
    private final class View implements MailboxView {

        private final UUID account;
        private final Origin origin;

        View(UUID account, Origin origin) {
            this.account = account;
            this.origin = origin;
        }

        @Override
        public List<FolderSummary> folders() {
            return queries.folders(account).orElseThrow(() -> MailboxRefused.notFound("account"));
        }

        @Override
        public TaggedFolder folder(UUID folderId) {
            return queries.folder(account, folderId).orElseThrow(() -> MailboxRefused.notFound("folder"));
        }

        @Override
        public OptionalLong listVersion() {
            return OptionalLong.of(queries.changeSequence(account)
                    .orElseThrow(() -> MailboxRefused.notFound("account")));
        }

        @Override
        public MessagePage messages(MessageQuery query) {
            return queries.messages(account, query).orElseThrow(() ->
                    MailboxRefused.notFound(query.folderId() == null ? "account" : "folder"));
        }

        @Override
        public StoredMessage message(UUID messageId) {
            return queries.message(account, messageId).orElseThrow(() -> MailboxRefused.notFound("message"));
        }

        @Override
        public MessageContent content(StoredMessage message) {
            return upstream.read(message.location());
        }

        @Override
        public MessageDownload raw(UUID messageId) {
            return upstream.openRaw(message(messageId).location());
        }

        @Override
        public MessageDownload attachment(UUID messageId, String attachmentId) {
            return upstream.openAttachment(message(messageId).location(), attachmentId);
        }

        @Override
        public StoredMessage update(UUID messageId, MessageChange change, String ifMatch) {
            return messages.apply(account, messageId, command(change), ifMatch, origin)
                    // a move the mirror could not follow: the sync engine will find the message in its new folder
                    .orElseThrow(() -> MailboxRefused.notFound("message"));
        }

        @Override
        public void delete(UUID messageId, boolean permanent, String ifMatch) {
            messages.apply(account, messageId, MessageCommand.delete(permanent), ifMatch, origin);
        }

        @Override
        public BatchResult batch(List<UUID> messageIds, MessageChange change, boolean delete, boolean permanent) {
            return messages.batch(account, messageIds, delete ? MessageCommand.delete(permanent) : command(change),
                    origin);
        }

        @Override
        public FolderChanges folderChanges() {
            return new FolderChanges() {
                @Override
                public TaggedFolder create(String name, UUID parentId) {
                    return folder(folders.create(account, name, parentId, origin));
                }

                @Override
                public TaggedFolder rename(UUID folderId, String name, String ifMatch) {
                    folders.rename(account, folderId, name, ifMatch, origin);
                    return folder(folderId);
                }

                @Override
                public void delete(UUID folderId, String ifMatch) {
                    folders.delete(account, folderId, ifMatch, origin);
                }
            };
        }

        private static MessageCommand command(MessageChange change) {
            return new MessageCommand(FlagChange.of(change), change.folderId(), false, false);
        }
    }
}
