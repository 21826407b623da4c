package io.mailsync.gateway.pop3;

import io.mailsync.gateway.command.ETags;
import io.mailsync.gateway.mailbox.Address;
import io.mailsync.gateway.mailbox.BatchResult;
import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.mailbox.MailboxRefused;
import io.mailsync.gateway.mailbox.MailboxView;
import io.mailsync.gateway.mailbox.MessageContent;
import io.mailsync.gateway.mailbox.MessageDownload;
import io.mailsync.gateway.mailbox.MessagePage;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.mailsync.gateway.mailbox.MessageSummary;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The message and folder endpoints as a POP device sees them: its own maildrop, in the same shapes as the shared
 * mirror's, and changes that stay on that device (only its server policy ever deletes upstream).
 */
@ApplicationScoped
public class MaildropViews {

    private static final Logger LOG = Logger.getLogger(MaildropViews.class);

    private final PopMaildrops maildrops;
    private final PopFolders folders;

    MaildropViews(PopMaildrops maildrops, PopFolders folders) {
        this.maildrops = maildrops;
        this.folders = folders;
    }

    /** The mailbox view of one device in POP3 mode. */
    public MailboxView of(PopDevice device) {
        return new View(device);
    }

    /** One device's maildrop, with the account's folder names and ids and the device's own counts. */
    private final class View implements MailboxView {

        private final PopDevice device;

        View(PopDevice device) {
            this.device = device;
        }

        @Override
        public List<FolderSummary> folders() {
            return tree().folders();
        }

        /** Its ETag names the folder, not its counts. */
        @Override
        public TaggedFolder folder(UUID folderId) {
            FolderSummary folder = tree().folders().stream().filter(f -> f.id().equals(folderId)).findFirst()
                    .orElseThrow(() -> MailboxRefused.notFound("folder"));
            return new TaggedFolder(folder, "pop-" + UUID.nameUUIDFromBytes((folder.id() + "|" + folder.path() + "|"
                    + folder.role()).getBytes(StandardCharsets.UTF_8)));
        }

        /** A maildrop's lists have no version: they are neither tagged nor kept. */
        @Override
        public OptionalLong listVersion() {
            return OptionalLong.empty();
        }

        /** A first page brings the maildrop up to date with the server first, as a POP3 login does. */
        @Override
        public MessagePage messages(MessageQuery query) {
            if (query.after() == null) {
                refresh();
            }
            PopFolders.Tree tree = tree();
            String folder = query.folderId() == null ? null
                    : tree.localOf(query.folderId()).orElseThrow(() -> MailboxRefused.notFound("folder"));
            PopMaildrops.Page page = maildrops.page(device.id(), folder, query.unread(), query.flagged(), query.text(),
                    query.limit(), query.after());
            return new MessagePage(page.items().stream().map(m -> summary(m, tree)).toList(), page.next());
        }

        @Override
        public StoredMessage message(UUID messageId) {
            return stored(visible(messageId), tree());
        }

        /** Read from the device's copy: reading it is the device's download, as a POP3 RETR is. */
        @Override
        public MessageContent content(StoredMessage message) {
            return maildrops.read(device, message.summary().id());
        }

        @Override
        public MessageDownload raw(UUID messageId) {
            visible(messageId);
            return new KeptBytes(maildrops.download(device, messageId), "message/rfc822", messageId + ".eml");
        }

        @Override
        public MessageDownload attachment(UUID messageId, String attachmentId) {
            visible(messageId);
            return maildrops.attachment(device, messageId, attachmentId);
        }

        /** Changes the device's own read state, flag or folder; keywords are refused (a maildrop has none). */
        @Override
        public StoredMessage update(UUID messageId, MessageChange change, String ifMatch) {
            refuseKeywords(change);
            PopFolders.Tree tree = tree();
            String folder = target(tree, change.folderId());
            try {
                MaildropMessage changed = maildrops.update(device.id(), messageId, change.seen(), change.flagged(),
                        folder, expected(ifMatch)).orElseThrow(() -> MailboxRefused.notFound("message"));
                return stored(changed, tree);
            } catch (StaleMaildropState e) {
                throw stale();
            }
        }

        /**
         * Removes the message from the device's maildrop, as a POP3 DELE committed at QUIT does (there is no
         * shared Trash: {@code permanent} changes nothing); a policy that deletes after download then acts.
         */
        @Override
        public void delete(UUID messageId, boolean permanent, String ifMatch) {
            try {
                if (!maildrops.deleteOne(device.id(), messageId, expected(ifMatch))) {
                    throw MailboxRefused.notFound("message");
                }
            } catch (StaleMaildropState e) {
                throw stale();
            }
            serverPolicy();
        }

        /** The batch on the device's own maildrop: each id done or not found; only policy reaches the server. */
        @Override
        public BatchResult batch(List<UUID> messageIds, MessageChange change, boolean delete, boolean permanent) {
            refuseKeywords(change);
            PopFolders.Tree tree = tree();
            String folder = delete ? null : target(tree, change.folderId());
            List<BatchResult.Item> items = new ArrayList<>();
            boolean deleted = false;
            for (UUID id : messageIds) {
                boolean found = delete ? maildrops.deleteOne(device.id(), id, null)
                        : maildrops.update(device.id(), id, change.seen(), change.flagged(), folder, null).isPresent();
                deleted |= delete && found;
                items.add(new BatchResult.Item(id, found ? BatchResult.Status.DONE : BatchResult.Status.NOT_FOUND,
                        null, null));
            }
            if (deleted) {
                serverPolicy();
            }
            return new BatchResult(items);
        }

        /** The device files into its own copies of the folders; the account's folders are not its to change. */
        @Override
        public FolderChanges folderChanges() {
            throw new MailboxRefused(MailboxRefused.Reason.CONFLICT, "a device in POP3 mode files messages into its "
                    + "own copies of the account's folders and cannot change the account's folders; ask an IMAP "
                    + "device or the operator");
        }

        private MaildropMessage visible(UUID messageId) {
            return maildrops.visibleMessage(device.id(), messageId)
                    .orElseThrow(() -> MailboxRefused.notFound("message"));
        }

        private void serverPolicy() {
            if (device.policy().deleteFromServer() != DeleteFromServer.AFTER_DOWNLOAD) {
                return;
            }
            try {
                maildrops.deleteDueFromServer(device);
            } catch (UpstreamException | MessageUnavailableException e) {
                // as after a POP3 QUIT: the scheduled expiry retries; the device's own delete stands
                LOG.infof("POP device %s: server deletion after download postponed", device.id());
            }
        }

        private void refresh() {
            try {
                maildrops.refresh(device);
            } catch (UpstreamException | MessageUnavailableException e) {
                // the device still has what it downloaded, as a POP client offline does
                LOG.debugf("POP device %s: maildrop not refreshed: %s", device.id(), e.getMessage());
            }
        }

        private PopFolders.Tree tree() {
            return folders.of(device).orElseThrow(() -> MailboxRefused.notFound("account"));
        }
    }

    private static String target(PopFolders.Tree tree, UUID folderId) {
        return folderId == null ? null
                : tree.localOf(folderId).orElseThrow(() -> MailboxRefused.notFound("folder"));
    }

    private static void refuseKeywords(MailboxView.MessageChange change) {
        if (change.keywords() != null || change.addKeywords() != null || change.removeKeywords() != null) {
            throw new MailboxRefused(MailboxRefused.Reason.INVALID, "keywords", "a POP device keeps no keywords; "
                    + "only seen, flagged and folderId apply");
        }
    }

    private static Predicate<String> expected(String ifMatch) {
        return ifMatch == null ? null : tag -> ETags.matches(ifMatch, tag);
    }

    private static MailboxRefused stale() {
        return new MailboxRefused(MailboxRefused.Reason.STALE,
                "the message changed on this device since that ETag; read it again");
    }

    /** A maildrop message and its ETag; a maildrop keeps no recipients, keywords or preview. */
    private static StoredMessage stored(MaildropMessage m, PopFolders.Tree tree) {
        return new StoredMessage(summary(m, tree), List.of(), null, m.stateTag());
    }

    private static MessageSummary summary(MaildropMessage m, PopFolders.Tree tree) {
        Address from = m.from() == null ? null : new Address(null, m.from());
        return new MessageSummary(m.id(), tree.idOf(m.folder()), m.subject(), from, List.of(), null, m.receivedAt(),
                m.seen(), m.flagged(), false, false, Set.of(), m.size(), false, null);
    }

    /** A download of bytes the device keeps: nothing to give back when done. */
    private record KeptBytes(byte[] raw, String contentType, String filename) implements MessageDownload {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(raw);
        }

        @Override
        public void close() {
        }
    }
}
