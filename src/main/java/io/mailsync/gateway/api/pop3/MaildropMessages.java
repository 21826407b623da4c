package io.mailsync.gateway.api.pop3;

import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.api.http.ProblemType;
import io.mailsync.gateway.api.messages.BatchResultJson;
import io.mailsync.gateway.api.messages.FolderJson;
import io.mailsync.gateway.api.messages.FolderList;
import io.mailsync.gateway.api.messages.MessageBatchRequest;
import io.mailsync.gateway.api.messages.MessageDetailJson;
import io.mailsync.gateway.api.messages.MessageList;
import io.mailsync.gateway.api.messages.MessagePatchRequest;
import io.mailsync.gateway.api.messages.MessageSummaryJson;
import io.mailsync.gateway.command.ETags;
import io.mailsync.gateway.mailbox.Address;
import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.mailbox.MessageContent;
import io.mailsync.gateway.mailbox.MessageCursor;
import io.mailsync.gateway.mailbox.MessageDownload;
import io.mailsync.gateway.mailbox.MessageSummary;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.pop3.DeleteFromServer;
import io.mailsync.gateway.pop3.MaildropMessage;
import io.mailsync.gateway.pop3.PopDevice;
import io.mailsync.gateway.pop3.PopFolders;
import io.mailsync.gateway.pop3.PopMaildrops;
import io.mailsync.gateway.pop3.StaleMaildropState;
import io.mailsync.gateway.store.MailboxQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The message and folder endpoints as a POP device sees them: its own maildrop, in the same wire shapes as
 * the shared mirror's, and changes that stay on that device (only its server policy ever deletes upstream).
 */
@ApplicationScoped
public class MaildropMessages {

    private static final Logger LOG = Logger.getLogger(MaildropMessages.class);

    private final PopMaildrops maildrops;
    private final PopFolders folders;

    MaildropMessages(PopMaildrops maildrops, PopFolders folders) {
        this.maildrops = maildrops;
        this.folders = folders;
    }

    /** The device's folders: the account's names and ids, with the device's own counts. */
    public FolderList folders(PopDevice device) {
        PopFolders.Tree tree = tree(device);
        return new FolderList(tree.folders().stream().map(FolderJson::of).toList(), null);
    }

    /** One of the device's folders with its own counts; its ETag names the folder, not its counts. */
    public MailboxQueries.TaggedFolder folder(PopDevice device, UUID folderId) {
        FolderSummary folder = tree(device).folders().stream().filter(f -> f.id().equals(folderId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("folder"));
        return new MailboxQueries.TaggedFolder(folder, "pop-" + UUID.nameUUIDFromBytes((folder.id() + "|"
                + folder.path() + "|" + folder.role()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** One page of the maildrop; a first page brings the maildrop up to date with the server first. */
    public MessageList list(PopDevice device, UUID folderId, Boolean unread, Boolean flagged, String text, int limit,
            MessageCursor cursor) {
        if (cursor == null) {
            refresh(device);
        }
        PopFolders.Tree tree = tree(device);
        String folder = folderId == null ? null
                : tree.localOf(folderId).orElseThrow(() -> ProblemException.notFound("folder"));
        PopMaildrops.Page page = maildrops.page(device.id(), folder, unread, flagged, text, limit, cursor);
        return new MessageList(page.items().stream().map(m -> summary(m, tree)).toList(),
                page.next() == null ? null : page.next().encode());
    }

    public MaildropMessage message(PopDevice device, UUID messageId) {
        return maildrops.visibleMessage(device.id(), messageId).orElseThrow(() -> ProblemException.notFound("message"));
    }

    /** The summary and tag of a message, as the detail's ETag and 304 check need them before any download. */
    public StoredMessage stored(PopDevice device, MaildropMessage message) {
        return new StoredMessage(domainSummary(message, tree(device)), List.of(), null, message.stateTag());
    }

    /** The detail, read from the device's copy: reading it is the device's download, as a POP3 RETR is. */
    public MessageDetailJson detail(PopDevice device, StoredMessage stored) {
        MessageContent content = maildrops.read(device, stored.summary().id());
        return MessageDetailJson.of(stored, content);
    }

    public MessageDownload raw(PopDevice device, UUID messageId) {
        message(device, messageId);
        return new KeptBytes(maildrops.download(device, messageId), "message/rfc822", messageId + ".eml");
    }

    public MessageDownload attachment(PopDevice device, UUID messageId, String attachmentId) {
        message(device, messageId);
        return maildrops.attachment(device, messageId, attachmentId);
    }

    /** A message as a change left it, and its new ETag. */
    public record Changed(MessageSummaryJson summary, String tag) {
    }

    /** Changes the device's own read state, flag or folder; keywords are refused (a maildrop has none). */
    public Changed update(PopDevice device, UUID messageId, MessagePatchRequest body, String ifMatch) {
        refuseKeywords(body.keywords(), body.addKeywords(), body.removeKeywords());
        PopFolders.Tree tree = tree(device);
        String folder = target(tree, body.folderId());
        try {
            MaildropMessage changed = maildrops.update(device.id(), messageId, body.seen(), body.flagged(), folder,
                    expected(ifMatch)).orElseThrow(() -> ProblemException.notFound("message"));
            return new Changed(summary(changed, tree), changed.stateTag());
        } catch (StaleMaildropState e) {
            throw stale();
        }
    }

    /** Removes the message from the device's maildrop; a policy that deletes after download then acts. */
    public void delete(PopDevice device, UUID messageId, String ifMatch) {
        try {
            if (!maildrops.deleteOne(device.id(), messageId, expected(ifMatch))) {
                throw ProblemException.notFound("message");
            }
        } catch (StaleMaildropState e) {
            throw stale();
        }
        serverPolicy(device);
    }

    /** The batch on the device's own maildrop: every id done or not-found; nothing reaches the server but policy. */
    public BatchResultJson batch(PopDevice device, MessageBatchRequest body, boolean delete) {
        refuseKeywords(body.keywords(), body.addKeywords(), body.removeKeywords());
        PopFolders.Tree tree = tree(device);
        String folder = delete ? null : target(tree, body.folderId());
        List<BatchResultJson.Item> items = new ArrayList<>();
        int done = 0;
        for (UUID id : body.messageIds()) {
            boolean found = delete ? maildrops.deleteOne(device.id(), id, null)
                    : maildrops.update(device.id(), id, body.seen(), body.flagged(), folder, null).isPresent();
            if (found) {
                done++;
            }
            items.add(new BatchResultJson.Item(id, found ? "done" : "not-found", null, found ? null : 404));
        }
        if (delete && done > 0) {
            serverPolicy(device);
        }
        return new BatchResultJson(items, done, 0, items.size() - done);
    }

    private void serverPolicy(PopDevice device) {
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

    private void refresh(PopDevice device) {
        try {
            maildrops.refresh(device);
        } catch (UpstreamException | MessageUnavailableException e) {
            // the device still has what it downloaded, as a POP client offline does
            LOG.debugf("POP device %s: maildrop not refreshed: %s", device.id(), e.getMessage());
        }
    }

    private PopFolders.Tree tree(PopDevice device) {
        return folders.of(device).orElseThrow(() -> ProblemException.notFound("account"));
    }

    private static String target(PopFolders.Tree tree, UUID folderId) {
        return folderId == null ? null
                : tree.localOf(folderId).orElseThrow(() -> ProblemException.notFound("folder"));
    }

    private static void refuseKeywords(List<String> keywords, List<String> add, List<String> remove) {
        if (keywords != null || add != null || remove != null) {
            throw ProblemException.invalid("keywords", "a POP device keeps no keywords; only seen, flagged and "
                    + "folderId apply");
        }
    }

    private static Predicate<String> expected(String ifMatch) {
        return ifMatch == null ? null : tag -> ETags.matches(ifMatch, tag);
    }

    private static ProblemException stale() {
        return new ProblemException(ProblemType.PRECONDITION_FAILED,
                "the message changed on this device since that ETag; read it again");
    }

    static MessageSummaryJson summary(MaildropMessage m, PopFolders.Tree tree) {
        return MessageSummaryJson.of(domainSummary(m, tree));
    }

    private static MessageSummary domainSummary(MaildropMessage m, PopFolders.Tree tree) {
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
