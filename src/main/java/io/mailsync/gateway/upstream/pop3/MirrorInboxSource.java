package io.mailsync.gateway.upstream.pop3;

import io.mailsync.gateway.account.AccountUpstream;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.mailbox.MessageCursor;
import io.mailsync.gateway.mailbox.MessageDownload;
import io.mailsync.gateway.mailbox.MessageLocation;
import io.mailsync.gateway.mailbox.MessagePage;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.mailsync.gateway.mailbox.MessageSummary;
import io.mailsync.gateway.mailbox.MessageUnavailableException.Reason;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.MirrorReader;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.mailsync.gateway.mailbox.UpstreamMessages;
import io.mailsync.gateway.pop3.MaildropSource;
import io.mailsync.gateway.pop3.SourceMessage;
import io.mailsync.gateway.upstream.ImapSessions;
import io.mailsync.gateway.upstream.UpstreamFailures;
import io.mailsync.gateway.upstream.UpstreamSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Feeds POP maildrops of accounts without a POP3 endpoint from the IMAP mirror's INBOX; bodies come
 * from upstream IMAP on demand, and a POP device's server deletion expunges the message upstream (which
 * every IMAP device then loses: the mixed-mode risk).
 */
@ApplicationScoped
public class MirrorInboxSource implements MaildropSource {

    private static final int MAX_LISTED = 10_000;

    private final MirrorReader mirror;
    private final UpstreamMessages upstream;
    private final AccountUpstream accounts;
    private final ImapSessions sessions;

    MirrorInboxSource(MirrorReader mirror, UpstreamMessages upstream, AccountUpstream accounts,
            ImapSessions sessions) {
        this.mirror = mirror;
        this.upstream = upstream;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public boolean serves(UUID accountId) {
        return accounts.hasPop3(accountId).map(pop3 -> !pop3).orElse(false);
    }

    @Override
    public List<SourceMessage> list(UUID accountId) {
        Optional<FolderSummary> inbox = mirror.folders(accountId).orElse(List.of()).stream()
                .filter(f -> f.role() == FolderRole.INBOX).findFirst();
        if (inbox.isEmpty()) {
            return List.of();
        }
        List<SourceMessage> listed = new ArrayList<>();
        MessageCursor cursor = null;
        do {
            MessagePage page = mirror.messages(accountId,
                    new MessageQuery(inbox.get().id(), null, null, null, MessageQuery.MAX_LIMIT, cursor))
                    .orElse(new MessagePage(List.of(), null));
            for (MessageSummary m : page.items()) {
                listed.add(new SourceMessage(m.id(), null, null, m.subject(),
                        m.from() == null ? null : m.from().email(), m.size(), m.receivedAt()));
            }
            cursor = page.next();
        } while (cursor != null && listed.size() < MAX_LISTED);
        // newest first from the mirror; a maildrop lists oldest first
        Collections.reverse(listed);
        return listed;
    }

    @Override
    public byte[] retrieve(UUID accountId, String reference, int maxBytes) {
        StoredMessage stored = mirror.message(accountId, UUID.fromString(reference))
                .orElseThrow(() -> new MessageUnavailableException(Reason.GONE, "the message is gone from the server"));
        BoundedBytes bytes = new BoundedBytes(maxBytes);
        try (MessageDownload download = upstream.openRaw(stored.location())) {
            download.writeTo(bytes);
        } catch (IOException e) {
            throw new io.mailsync.gateway.mailbox.UpstreamException(
                    io.mailsync.gateway.mailbox.UpstreamException.Kind.UNAVAILABLE,
                    "the upstream server stopped sending the message");
        }
        return bytes.toByteArray();
    }

    @Override
    public void delete(UUID accountId, Collection<String> references) {
        Map<String, List<MessageLocation>> byFolder = new LinkedHashMap<>();
        for (String reference : references) {
            mirror.message(accountId, UUID.fromString(reference)).ifPresent(m ->
                    byFolder.computeIfAbsent(m.location().folderPath(), k -> new ArrayList<>()).add(m.location()));
        }
        if (byFolder.isEmpty()) {
            return;
        }
        AccountUpstream.Endpoints endpoints = accounts.of(accountId)
                .orElseThrow(() -> new MessageUnavailableException(Reason.GONE, "account not found"));
        UpstreamEndpoint imap = endpoints.imap();
        UpstreamLogin login = endpoints.login();
        IMAPStore store = null;
        try {
            store = sessions.connect(imap, login);
            for (Map.Entry<String, List<MessageLocation>> entry : byFolder.entrySet()) {
                expunge(store, entry.getKey(), entry.getValue());
            }
        } catch (MessagingException e) {
            throw UpstreamFailures.translate(e, imap, login);
        } finally {
            UpstreamSessions.logOut(store);
        }
    }

    private static void expunge(IMAPStore store, String path, List<MessageLocation> locations)
            throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(path);
        if (!folder.exists()) {
            return;
        }
        folder.open(Folder.READ_WRITE);
        boolean expunged = false;
        try {
            List<Message> doomed = new ArrayList<>();
            for (MessageLocation location : locations) {
                if (location.uidValidity() != null && folder.getUIDValidity() != location.uidValidity().value()) {
                    continue;
                }
                Message message = folder.getMessageByUID(location.uid().value());
                if (message != null && !message.isExpunged()) {
                    doomed.add(message);
                }
            }
            if (doomed.isEmpty()) {
                return;
            }
            Message[] messages = doomed.toArray(Message[]::new);
            folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
            if (store.hasCapability("UIDPLUS")) {
                // UID EXPUNGE: only these messages, never what another client marked deleted
                folder.expunge(messages);
                expunged = true;
            }
        } finally {
            folder.close(!expunged);
        }
    }
}
