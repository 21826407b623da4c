package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.command.Appended;
import io.mailsync.gateway.command.CommandRefused;
import io.mailsync.gateway.command.DraftMessage;
import io.mailsync.gateway.command.FlagChange;
import io.mailsync.gateway.command.FolderRef;
import io.mailsync.gateway.command.MoveResult;
import io.mailsync.gateway.command.UpstreamCommands;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.SyncAccounts;
import io.mailsync.gateway.upstream.UpstreamFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.MessageIDTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Device commands written to the upstream IMAP server with Angus Mail: flags by {@code UID STORE} over
 * UID sets, moves by MOVE (or COPY and UID EXPUNGE) with the new UIDs from COPYUID, expunges of exactly the
 * given UIDs, folder CREATE/RENAME/DELETE, and APPEND with APPENDUID. Connections come from the account's
 * bounded pool ({@link ImapReadConnections}); every failure is translated once by {@link UpstreamFailures}.
 * User strings reach commands only as validated atoms (keywords) or as Angus-quoted mailbox names and
 * search strings, which are checked for line breaks before.
 */
@ApplicationScoped
public class ImapUpstreamCommands implements UpstreamCommands {

    private final ImapReadConnections connections;
    private final SyncAccounts accounts;

    public ImapUpstreamCommands(ImapReadConnections connections, SyncAccounts accounts) {
        this.connections = connections;
        this.accounts = accounts;
    }

    /** Work on an open folder. */
    private interface FolderWork<T> {
        T run(IMAPStore store, IMAPFolder folder) throws MessagingException, IOException;
    }

    /** Work on the store, no folder open. */
    private interface StoreWork<T> {
        T run(IMAPStore store) throws MessagingException, IOException;
    }

    @Override
    public Map<Uid, MessageFlags> store(UUID accountId, FolderRef ref, Collection<Uid> uids, FlagChange change) {
        if (uids.isEmpty() || change.isEmpty()) {
            return Map.of();
        }
        String set = ImapUpstreamMailbox.uidSet(uids);
        return inFolder(accountId, ref, Folder.READ_WRITE, "UID STORE", (store, folder) -> {
            Set<String> add = new LinkedHashSet<>();
            Set<String> remove = new LinkedHashSet<>();
            if (change.seen() != null) {
                (change.seen() ? add : remove).add("\\Seen");
            }
            if (change.flagged() != null) {
                (change.flagged() ? add : remove).add("\\Flagged");
            }
            if (change.replaceKeywords() != null) {
                Set<String> present = new TreeSet<>();
                fetchFlags(folder, set).values().forEach(f -> present.addAll(f.keywords()));
                present.removeAll(change.replaceKeywords());
                remove.addAll(present);
                add.addAll(change.replaceKeywords());
            } else {
                add.addAll(change.addKeywords());
                remove.addAll(change.removeKeywords());
            }
            if (!add.isEmpty()) {
                command(folder, "UID STORE " + set + " +FLAGS.SILENT (" + String.join(" ", add) + ")");
            }
            if (!remove.isEmpty()) {
                command(folder, "UID STORE " + set + " -FLAGS.SILENT (" + String.join(" ", remove) + ")");
            }
            return fetchFlags(folder, set);
        });
    }

    @Override
    public MoveResult move(UUID accountId, FolderRef from, Collection<Uid> uids, FolderRef to) {
        checkName(to.path());
        return inFolder(accountId, from, Folder.READ_WRITE, "MOVE", (store, folder) -> {
            Message[] messages = present(folder, uids);
            if (messages.length == 0) {
                return new MoveResult(Set.of(), Map.of(), null);
            }
            long[] oldUids = new long[messages.length];
            for (int i = 0; i < messages.length; i++) {
                oldUids[i] = folder.getUID(messages[i]);
            }
            Folder target = store.getFolder(to.path());
            AppendUID[] copied;
            if (store.hasCapability("MOVE")) {
                copied = folder.moveUIDMessages(messages, target);
            } else if (store.hasCapability("UIDPLUS")) {
                copied = folder.copyUIDMessages(messages, target);
                folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
                folder.expunge(messages);
            } else {
                throw new UpstreamException(UpstreamException.Kind.REFUSED,
                        "the server supports neither MOVE nor UIDPLUS, so a move could expunge other clients' mail");
            }
            Set<Uid> moved = new HashSet<>();
            Map<Uid, Uid> newUids = new HashMap<>();
            UidValidity validity = null;
            for (int i = 0; i < oldUids.length; i++) {
                moved.add(Uid.of(oldUids[i]));
                AppendUID copy = copied == null || i >= copied.length ? null : copied[i];
                if (copy != null && copy.uid > 0) {
                    newUids.put(Uid.of(oldUids[i]), Uid.of(copy.uid));
                    validity = UidValidity.known(copy.uidvalidity);
                }
            }
            return new MoveResult(moved, newUids, validity);
        });
    }

    @Override
    public Set<Uid> expunge(UUID accountId, FolderRef ref, Collection<Uid> uids) {
        return inFolder(accountId, ref, Folder.READ_WRITE, "UID EXPUNGE", (store, folder) -> {
            if (!store.hasCapability("UIDPLUS")) {
                throw new UpstreamException(UpstreamException.Kind.REFUSED,
                        "the server lacks UIDPLUS, so expunging one message could expunge other clients' mail");
            }
            Message[] messages = present(folder, uids);
            Set<Uid> gone = new HashSet<>();
            if (messages.length == 0) {
                return gone;
            }
            for (Message message : messages) {
                gone.add(Uid.of(folder.getUID(message)));
            }
            folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
            folder.expunge(messages);
            return gone;
        });
    }

    @Override
    public Character createFolder(UUID accountId, String path) {
        checkName(path);
        return onStore(accountId, "CREATE", store -> {
            IMAPFolder folder = (IMAPFolder) store.getFolder(path);
            folder.doCommand(p -> {
                p.create(path);
                return null;
            });
            char separator = store.getDefaultFolder().getSeparator();
            return separator == 0 ? null : separator;
        });
    }

    @Override
    public Character delimiter(UUID accountId) {
        return onStore(accountId, "LIST", store -> {
            char separator = store.getDefaultFolder().getSeparator();
            return separator == 0 ? null : separator;
        });
    }

    @Override
    public void renameFolder(UUID accountId, String from, String to) {
        checkName(from);
        checkName(to);
        onStore(accountId, "RENAME", store -> {
            ((IMAPFolder) store.getFolder(from)).doCommand(p -> {
                p.rename(from, to);
                return null;
            });
            return null;
        });
    }

    @Override
    public void deleteFolder(UUID accountId, String path) {
        checkName(path);
        onStore(accountId, "DELETE", store -> {
            ((IMAPFolder) store.getFolder(path)).doCommand(p -> {
                p.delete(path);
                return null;
            });
            return null;
        });
    }

    @Override
    public Appended appendDraft(UUID accountId, FolderRef drafts, DraftMessage draft) {
        MimeMessage message = DraftMime.build(draft);
        return append(accountId, drafts, message);
    }

    @Override
    public Appended appendRaw(UUID accountId, FolderRef folder, byte[] rfc822) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rfc822));
            message.setFlags(new Flags(Flags.Flag.SEEN), true);
            return append(accountId, folder, message);
        } catch (MessagingException e) {
            throw new CommandRefused(CommandRefused.Reason.CONFLICT, "the message cannot be read as MIME");
        }
    }

    private Appended append(UUID accountId, FolderRef ref, MimeMessage message) {
        checkName(ref.path());
        return onStore(accountId, "APPEND", store -> {
            IMAPFolder folder = (IMAPFolder) store.getFolder(ref.path());
            AppendUID[] appended = folder.appendUIDMessages(new Message[] {message});
            AppendUID uid = appended == null || appended.length == 0 ? null : appended[0];
            if (uid == null || uid.uid <= 0) {
                folder.open(Folder.READ_ONLY);
                try {
                    return new Appended(UidValidity.known(folder.getUIDValidity()), null);
                } finally {
                    folder.close(false);
                }
            }
            folder.open(Folder.READ_ONLY);
            try {
                return new Appended(UidValidity.known(uid.uidvalidity), fetchMeta(folder, uid.uid));
            } finally {
                folder.close(false);
            }
        });
    }

    @Override
    public Optional<MessageMeta> findByMessageId(UUID accountId, FolderRef ref, String messageId) {
        if (messageId == null || messageId.isBlank() || messageId.length() > 998
                || messageId.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\' || c > 0x7e)) {
            return Optional.empty();
        }
        return inFolder(accountId, ref, Folder.READ_ONLY, "SEARCH", (store, folder) -> {
            if (folder.getMessageCount() == 0) {
                return Optional.empty();
            }
            Message[] found = folder.search(new MessageIDTerm(messageId));
            for (Message message : found) {
                MessageMeta meta = fetchMeta(folder, folder.getUID(message));
                if (meta != null && messageId.equals(meta.messageId())) {
                    return Optional.of(meta);
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public byte[] read(UUID accountId, FolderRef ref, Uid uid, int maxBytes) {
        return inFolder(accountId, ref, Folder.READ_ONLY, "FETCH", (store, folder) -> {
            Message message = folder.getMessageByUID(uid.value());
            if (message == null) {
                throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "the draft is gone upstream");
            }
            if (message.getSize() > maxBytes) {
                throw new CommandRefused(CommandRefused.Reason.CONFLICT, "the message is larger than "
                        + maxBytes / (1024 * 1024) + " MiB and cannot be sent through the gateway");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
            message.writeTo(out);
            return out.toByteArray();
        });
    }

    private static Message[] present(IMAPFolder folder, Collection<Uid> uids) throws MessagingException {
        long[] wanted = uids.stream().mapToLong(Uid::value).sorted().distinct().toArray();
        Message[] found = folder.getMessagesByUID(wanted);
        return java.util.Arrays.stream(found).filter(m -> m != null && !m.isExpunged()).toArray(Message[]::new);
    }

    private static Map<Uid, MessageFlags> fetchFlags(IMAPFolder folder, String set) throws MessagingException {
        Map<Uid, MessageFlags> flags = new HashMap<>();
        folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + set + " (UID FLAGS)", null);
            ImapUpstreamMailbox.collectFlags(responses, flags);
            ImapUpstreamMailbox.finish(p, responses);
            return null;
        });
        return flags;
    }

    private static void command(IMAPFolder folder, String command) throws MessagingException {
        folder.doCommand(p -> {
            Response[] responses = p.command(command, null);
            ImapUpstreamMailbox.finish(p, responses);
            return null;
        });
    }

    static MessageMeta fetchMeta(IMAPFolder folder, long uid) throws MessagingException {
        MessageMeta[] meta = new MessageMeta[1];
        folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + uid + " " + ImapUpstreamMailbox.META_ITEMS, null);
            for (int i = 0; i < responses.length; i++) {
                if (responses[i] instanceof FetchResponse fetch) {
                    UID found = fetch.getItem(UID.class);
                    if (found != null && found.uid == uid) {
                        meta[0] = ImapUpstreamMailbox.meta(uid, fetch);
                        responses[i] = null;
                    }
                }
            }
            ImapUpstreamMailbox.finish(p, responses);
            return null;
        });
        return meta[0];
    }

    /** Mailbox names travel quoted (or as literals) by Angus; line breaks and NUL are refused before. */
    static void checkName(String path) {
        if (path == null || path.isEmpty() || path.length() > 1000
                || path.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new CommandRefused(CommandRefused.Reason.INVALID, "name", "is not a usable folder name");
        }
    }

    private <T> T inFolder(UUID accountId, FolderRef ref, int mode, String what, FolderWork<T> work) {
        checkName(ref.path());
        return onStore(accountId, what + " " + ref.path(), store -> {
            IMAPFolder folder = (IMAPFolder) store.getFolder(ref.path());
            folder.open(mode);
            try {
                if (ref.uidValidity() != null && folder.getUIDValidity() != ref.uidValidity().value()) {
                    throw new CommandRefused(CommandRefused.Reason.CONFLICT, "folder " + ref.path()
                            + " was reset upstream (UIDVALIDITY changed); its message ids are being replaced");
                }
                return work.run(store, folder);
            } finally {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            }
        });
    }

    private <T> T onStore(UUID accountId, String what, StoreWork<T> work) {
        SyncAccount account = accounts.find(accountId).orElseThrow(() ->
                new CommandRefused(CommandRefused.Reason.NOT_FOUND, "account not found"));
        ImapReadConnections.Lease lease = connections.acquire(accountId, account.endpoint(), account.login());
        boolean sound = false;
        try {
            T result = work.run(lease.store());
            sound = true;
            return result;
        } catch (MessagingException e) {
            UpstreamException failure = UpstreamFailures.translate(e, account.endpoint(), account.login());
            sound = failure.kind() == UpstreamException.Kind.REFUSED && stillConnected(lease.store());
            throw new UpstreamException(failure.kind(), UpstreamFailures.sanitise(what, null) + ": "
                    + failure.getMessage());
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, "the upstream server stopped answering");
        } catch (CommandRefused | UpstreamException e) {
            sound = stillConnected(lease.store());
            throw e;
        } finally {
            lease.release(sound);
        }
    }

    private static boolean stillConnected(IMAPStore store) {
        try {
            return store.isConnected();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Builds drafts as MIME with Jakarta Mail: UTF-8 everywhere, the gateway's Message-ID. */
    static final class DraftMime {
        private DraftMime() {
        }

        static MimeMessage build(DraftMessage draft) {
            try {
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                    @Override
                    protected void updateMessageID() throws MessagingException {
                        setHeader("Message-ID", draft.messageId());
                    }
                };
                message.setFrom(new InternetAddress(draft.from(), true));
                message.setRecipients(Message.RecipientType.TO, addresses(draft.to()));
                message.setRecipients(Message.RecipientType.CC, addresses(draft.cc()));
                message.setRecipients(Message.RecipientType.BCC, addresses(draft.bcc()));
                message.setSubject(draft.subject() == null ? "" : draft.subject(), "UTF-8");
                if (draft.inReplyTo() != null) {
                    message.setHeader("In-Reply-To", draft.inReplyTo());
                    message.setHeader("References", draft.inReplyTo());
                }
                String text = draft.textBody();
                String html = draft.htmlBody();
                if (html != null && text != null) {
                    MimeBodyPart plain = new MimeBodyPart();
                    plain.setText(text, "UTF-8");
                    MimeBodyPart rich = new MimeBodyPart();
                    rich.setText(html, "UTF-8", "html");
                    MimeMultipart alternative = new MimeMultipart("alternative", plain, rich);
                    message.setContent(alternative);
                } else if (html != null) {
                    message.setText(html, "UTF-8", "html");
                } else {
                    message.setText(text == null ? "" : text, "UTF-8");
                }
                message.setSentDate(new Date());
                message.setFlags(new Flags(Flags.Flag.DRAFT), true);
                message.setFlags(new Flags(Flags.Flag.SEEN), true);
                message.saveChanges();
                return message;
            } catch (AddressException e) {
                throw new CommandRefused(CommandRefused.Reason.INVALID, "to", "an address is not a valid e-mail address");
            } catch (MessagingException e) {
                throw new CommandRefused(CommandRefused.Reason.INVALID, "body", "the draft cannot be built as MIME");
            }
        }

        private static InternetAddress[] addresses(List<String> list) throws AddressException {
            InternetAddress[] out = new InternetAddress[list.size()];
            for (int i = 0; i < list.size(); i++) {
                out[i] = new InternetAddress(list.get(i), true);
            }
            return out;
        }
    }
}
