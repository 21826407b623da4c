package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.mailbox.Address;
import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.ModSeq;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.sync.FolderStatus;
import io.mailsync.gateway.sync.FolderUpdates;
import io.mailsync.gateway.sync.ListedFolder;
import io.mailsync.gateway.sync.Quota;
import io.mailsync.gateway.sync.UpstreamMailbox;
import io.mailsync.gateway.upstream.UpstreamFailures;
import io.mailsync.gateway.upstream.UpstreamSessions;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The sync engine's view of one account's IMAP server, on Angus Mail. Metadata comes from raw
 * {@code UID FETCH} commands so that nothing accumulates in Angus' message cache during a long sync;
 * at most one folder is selected at a time and it stays selected between calls on it.
 *
 * <p>STATUS of INBOX goes over a second connection of its own when one can be had ({@link StatusConnections}):
 * Dovecot 2.3 (maildir, with its default mailbox list index) answers STATUS INBOX in a session that has
 * touched the mailbox list (LIST, STATUS of another folder, GETQUOTAROOT) by reopening INBOX and re-reading
 * its whole UID list, every time: hundreds of milliseconds for an unchanged 100,000-message INBOX. A session
 * that only ever asks about INBOX gets the answer from the server's cached summary, in well under a
 * millisecond whatever the size.
 */
final class ImapUpstreamMailbox implements UpstreamMailbox {

    static final String META_ITEMS = "(UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE BODYSTRUCTURE)";
    private static final int MAX_TEXT = 2000;
    private static final int MAX_ADDRESSES = 50;

    private final IMAPStore store;
    private final UpstreamEndpoint endpoint;
    private final UpstreamLogin login;
    private final Runnable onClose;
    private final BooleanSupplier roomToKeep;
    private final boolean condstore;
    private final boolean qresync;
    private final boolean quota;
    private final StatusConnections statusConnections;
    /** The connection STATUS uses; null until the first STATUS, or when none could be had. */
    private StatusConnections.Opened statusLine;
    private boolean statusLineRefused;
    /** The last STATUS answer seen on the status connection (INBOX's), per path as asked. */
    private final Map<String, FolderStatus> statusSeen = new HashMap<>();
    private final java.time.Duration quotaInterval;
    /** When GETQUOTAROOT was last answered on this connection; null before the first time. */
    private Instant quotaReadAt;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private IMAPFolder selected;

    ImapUpstreamMailbox(IMAPStore store, UpstreamEndpoint endpoint, UpstreamLogin login, Runnable onClose)
            throws MessagingException {
        this(store, endpoint, login, onClose, StatusConnections.NONE, java.time.Duration.ZERO, () -> true);
    }

    /**
     * @param statusConnections opens the connection STATUS uses, or answers none (STATUS then uses this one)
     * @param quotaInterval     how long a quota read stays good: GETQUOTAROOT makes some servers sum up every
     *                          folder, so it is not sent on every pass
     * @param roomToKeep        whether the connection may stay open after a pass (the host's reserve is free)
     */
    ImapUpstreamMailbox(IMAPStore store, UpstreamEndpoint endpoint, UpstreamLogin login, Runnable onClose,
                        StatusConnections statusConnections, java.time.Duration quotaInterval,
                        BooleanSupplier roomToKeep) throws MessagingException {
        this.statusConnections = statusConnections;
        this.quotaInterval = quotaInterval;
        this.roomToKeep = roomToKeep;
        this.store = store;
        this.endpoint = endpoint;
        this.login = login;
        this.onClose = onClose;
        this.condstore = store.hasCapability("CONDSTORE") || store.hasCapability("QRESYNC");
        this.qresync = store.hasCapability("QRESYNC");
        this.quota = store.hasCapability("QUOTA");
    }

    @Override
    public boolean supportsCondstore() {
        return condstore;
    }

    @Override
    public boolean supportsQresync() {
        return qresync;
    }

    @Override
    public synchronized List<ListedFolder> listFolders() throws UpstreamException {
        // a pass starts here: a folder left selected since the last pass may hold stale state (servers
        // send EXPUNGE only on some commands), so every pass selects afresh
        deselect();
        try {
            Folder[] all = store.getDefaultFolder().list("*");
            List<ListedFolder> folders = new ArrayList<>();
            boolean inboxListed = false;
            for (Folder folder : all) {
                IMAPFolder imap = (IMAPFolder) folder;
                String path = imap.getFullName();
                Set<String> attributes = new HashSet<>();
                for (String attribute : imap.getAttributes()) {
                    attributes.add(attribute.toLowerCase(Locale.ROOT));
                }
                if (attributes.contains("\\nonexistent")) {
                    continue;
                }
                char delimiter = imap.getSeparator();
                boolean selectable = !attributes.contains("\\noselect");
                FolderRole role = role(path, delimiter, imap.getAttributes());
                inboxListed |= "INBOX".equalsIgnoreCase(path);
                folders.add(new ListedFolder(path, imap.getName(), delimiter == 0 ? null : delimiter, role, selectable));
            }
            if (!inboxListed) {
                folders.add(0, new ListedFolder("INBOX", "INBOX", null, FolderRole.INBOX, true));
            }
            return folders;
        } catch (MessagingException e) {
            throw classify("LIST", e);
        }
    }

    static FolderRole role(String path, char delimiter, String[] attributes) {
        if ("INBOX".equalsIgnoreCase(path)) {
            return FolderRole.INBOX;
        }
        for (String attribute : attributes) {
            Optional<FolderRole> role = FolderRole.fromSpecialUse(attribute);
            if (role.isPresent()) {
                return role.get();
            }
        }
        return FolderRole.guessFromPath(path, delimiter).orElse(null);
    }

    @Override
    public synchronized FolderStatus status(String path) throws UpstreamException {
        String[] items = condstore
                ? new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ"}
                : new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN"};
        IMAPStore line = "INBOX".equalsIgnoreCase(path) ? statusLine() : null;
        if (line != null) {
            try {
                FolderStatus now = status(line, path, items);
                if (!now.equals(statusSeen.put(path, now))) {
                    refreshServerSummary(line, path);
                }
                return now;
            } catch (MessagingException e) {
                // the second connection failed: drop it and let the main connection answer and be judged
                dropStatusLine();
            }
        }
        try {
            return status(store, path, items);
        } catch (MessagingException e) {
            throw classify("STATUS " + path, e);
        }
    }

    private FolderStatus status(IMAPStore on, String path, String[] items) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) on.getFolder(path);
        Status status = (Status) folder.doCommand(p -> p.status(path, items));
        if (status.uidnext < 1 || status.uidnext > Uid.MAX || UidValidity.known(status.uidvalidity) == null) {
            // RFC 3501 makes both mandatory: without them no sync point can be kept for the folder
            throw UpstreamException.inFolder(UpstreamException.Kind.UNAVAILABLE,
                    "STATUS " + path + " told no usable UIDNEXT and UIDVALIDITY");
        }
        ModSeq modseq = condstore && status.highestmodseq > 0 ? ModSeq.of(status.highestmodseq) : null;
        return new FolderStatus(status.total, Uid.of(status.uidnext), UidValidity.of(status.uidvalidity), modseq,
                status.unseen);
    }

    /**
     * After INBOX changed (or a quota read made the server sum up every folder), an EXAMINE and CLOSE from
     * the session that only asks about INBOX brings Dovecot's cached summary up to date, so that the following
     * checks are answered from it again instead of by reopening the folder.
     */
    private void refreshServerSummary(IMAPStore line, String path) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) line.getFolder(path);
        folder.doCommand(p -> {
            p.examine(path);
            p.close();
            return null;
        });
    }

    private IMAPStore statusLine() {
        if (statusLine == null && !statusLineRefused && !closed.get()) {
            statusLine = statusConnections.open().orElse(null);
            // one attempt per connection: a server that refuses a second session is not asked every pass
            statusLineRefused = statusLine == null;
        }
        return statusLine == null ? null : statusLine.store();
    }

    private void dropStatusLine() {
        StatusConnections.Opened line = statusLine;
        statusLine = null;
        statusLineRefused = true;
        statusSeen.clear();
        if (line != null) {
            line.close();
        }
    }

    @Override
    public synchronized Optional<Quota> quota() throws UpstreamException {
        if (!quota) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (quotaReadAt != null && now.isBefore(quotaReadAt.plus(quotaInterval))) {
            // the account keeps the last figures until the next read
            return Optional.empty();
        }
        quotaReadAt = now;
        // answering GETQUOTAROOT may leave the server's cached folder summaries stale: refresh each once
        statusSeen.clear();
        try {
            // on the connection in use: Store.getQuota would open a second one while a folder is selected (and
            // Angus keeps it pooled for a while), a third connection per account at the end of every changed pass
            IMAPFolder on = selected != null && selected.isOpen() ? selected : (IMAPFolder) store.getFolder("INBOX");
            jakarta.mail.Quota[] roots = (jakarta.mail.Quota[]) on.doCommand(p -> p.getQuotaRoot("INBOX"));
            for (jakarta.mail.Quota root : roots) {
                for (jakarta.mail.Quota.Resource resource : root.resources) {
                    if ("STORAGE".equalsIgnoreCase(resource.name)) {
                        return Optional.of(new Quota(resource.usage, resource.limit));
                    }
                }
            }
            return Optional.empty();
        } catch (MessagingException e) {
            UpstreamException failure = classify("GETQUOTAROOT", e);
            if (failure.scope() == UpstreamException.Scope.FOLDER) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    @Override
    public synchronized List<Uid> uids(String path) throws UpstreamException {
        IMAPFolder folder = select(path);
        try {
            if (folder.getMessageCount() == 0) {
                return List.of();
            }
            TreeSet<Uid> uids = new TreeSet<>();
            folder.doCommand(p -> {
                Response[] responses = p.command("UID SEARCH ALL", null);
                for (int i = 0; i < responses.length; i++) {
                    if (responses[i] instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                        long uid;
                        while ((uid = ir.readLong()) != -1) {
                            uids.add(Uid.of(uid));
                        }
                        responses[i] = null;
                    }
                }
                finish(p, responses);
                return null;
            });
            return new ArrayList<>(uids);
        } catch (MessagingException e) {
            throw classify("UID SEARCH " + path, e);
        }
    }

    @Override
    public synchronized Map<Uid, MessageFlags> flags(String path) throws UpstreamException {
        IMAPFolder folder = select(path);
        try {
            if (folder.getMessageCount() == 0) {
                return Map.of();
            }
            Map<Uid, MessageFlags> flags = new HashMap<>();
            folder.doCommand(p -> {
                Response[] responses = p.command("FETCH 1:* (UID FLAGS)", null);
                collectFlags(responses, flags);
                finish(p, responses);
                return null;
            });
            return flags;
        } catch (MessagingException e) {
            throw classify("FETCH FLAGS " + path, e);
        }
    }

    @Override
    public synchronized List<MessageMeta> fetchMeta(String path, List<Uid> uids) throws UpstreamException {
        if (uids.isEmpty()) {
            return List.of();
        }
        IMAPFolder folder = select(path);
        String command = "UID FETCH " + uidSet(uids) + " " + META_ITEMS;
        try {
            Map<Long, MessageMeta> metas = new TreeMap<>();
            folder.doCommand(p -> {
                Response[] responses = p.command(command, null);
                for (int i = 0; i < responses.length; i++) {
                    if (responses[i] instanceof FetchResponse fetch) {
                        UID uid = fetch.getItem(UID.class);
                        if (uid != null && fetch.getItem(ENVELOPE.class) != null) {
                            metas.put(uid.uid, meta(uid.uid, fetch));
                            responses[i] = null;
                        }
                    }
                }
                finish(p, responses);
                return null;
            });
            return new ArrayList<>(metas.values());
        } catch (MessagingException e) {
            throw classify("UID FETCH " + path, e);
        }
    }

    @Override
    public synchronized FolderUpdates changedSince(String path, UidValidity uidValidity, ModSeq modseq,
                                                   boolean useQresync) throws UpstreamException {
        deselect();
        IMAPFolder folder;
        Map<Uid, MessageFlags> changed = new HashMap<>();
        Set<Uid> vanished = new HashSet<>();
        try {
            folder = (IMAPFolder) store.getFolder(path);
            if (useQresync) {
                List<MailEvent> events = folder.open(Folder.READ_ONLY,
                        new ResyncData(uidValidity.value(), modseq.value()));
                selected = folder;
                checkValidity(folder, uidValidity);
                for (MailEvent event : events == null ? List.<MailEvent>of() : events) {
                    if (event instanceof MessageVanishedEvent gone) {
                        Arrays.stream(gone.getUIDs()).mapToObj(Uid::of).forEach(vanished::add);
                    } else if (event instanceof MessageChangedEvent change
                            && change.getMessage() instanceof IMAPMessage message && !message.isExpunged()) {
                        changed.put(Uid.of(folder.getUID(message)), flags(message.getFlags()));
                    }
                }
            } else {
                folder.open(Folder.READ_ONLY, ResyncData.CONDSTORE);
                selected = folder;
                checkValidity(folder, uidValidity);
                if (folder.getMessageCount() > 0) {
                    folder.doCommand(p -> {
                        Response[] responses = p.command(
                                "UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE " + modseq.value() + ")", null);
                        collectFlags(responses, changed);
                        finish(p, responses);
                        return null;
                    });
                }
            }
            changed.keySet().removeAll(vanished);
            return new FolderUpdates(changed, vanished);
        } catch (MessagingException e) {
            throw classify("SELECT " + path, e);
        }
    }

    private static void checkValidity(IMAPFolder folder, UidValidity expected)
            throws MessagingException, UpstreamException {
        if (folder.getUIDValidity() != expected.value()) {
            throw UpstreamException.inFolder(UpstreamException.Kind.UNAVAILABLE,
                    "UIDVALIDITY of " + folder.getFullName() + " changed during the pass");
        }
    }

    static void collectFlags(Response[] responses, Map<Uid, MessageFlags> into) {
        for (int i = 0; i < responses.length; i++) {
            if (responses[i] instanceof FetchResponse fetch) {
                UID uid = fetch.getItem(UID.class);
                FLAGS flags = fetch.getItem(FLAGS.class);
                if (uid != null && flags != null) {
                    into.put(Uid.of(uid.uid), flags(flags));
                    responses[i] = null;
                }
            }
        }
    }

    /** Hands unsolicited responses (EXISTS, EXPUNGE, …) to Angus and fails on a NO or BAD. */
    static void finish(org.eclipse.angus.mail.imap.protocol.IMAPProtocol p, Response[] responses)
            throws org.eclipse.angus.mail.iap.ProtocolException {
        Response last = responses[responses.length - 1];
        responses[responses.length - 1] = null;
        p.notifyResponseHandlers(responses);
        p.handleResult(last);
    }

    private IMAPFolder select(String path) throws UpstreamException {
        if (selected != null && selected.isOpen() && selected.getFullName().equals(path)) {
            return selected;
        }
        deselect();
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(path);
            folder.open(Folder.READ_ONLY);
            selected = folder;
            return folder;
        } catch (MessagingException e) {
            throw classify("SELECT " + path, e);
        }
    }

    private void deselect() {
        IMAPFolder folder = selected;
        selected = null;
        if (folder != null && folder.isOpen()) {
            try {
                folder.close(false);
            } catch (MessagingException | RuntimeException e) {
                // the connection is about to be judged by the next command
            }
        }
    }

    static MessageFlags flags(Flags flags) {
        Set<String> keywords = new TreeSet<>();
        for (String keyword : flags.getUserFlags()) {
            if (MessageFlags.isValidKeyword(keyword)) {
                keywords.add(keyword);
            }
        }
        return new MessageFlags(flags.contains(Flags.Flag.SEEN), flags.contains(Flags.Flag.FLAGGED),
                flags.contains(Flags.Flag.ANSWERED), flags.contains(Flags.Flag.DRAFT),
                flags.contains(Flags.Flag.DELETED), keywords);
    }

    /** Whatever part does not parse is left empty: a message is never dropped for its envelope. */
    static MessageMeta meta(long uid, FetchResponse fetch) {
        FLAGS flags = fetch.getItem(FLAGS.class);
        ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
        INTERNALDATE internal = fetch.getItem(INTERNALDATE.class);
        RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
        BODYSTRUCTURE structure = fetch.getItem(BODYSTRUCTURE.class);
        Instant received = internal != null && internal.getDate() != null ? internal.getDate().toInstant() : Instant.now();
        Address from = null;
        List<Address> to = List.of();
        List<Address> cc = List.of();
        String subject = null;
        String messageId = null;
        Instant sent = null;
        if (envelope != null) {
            subject = decode(envelope.subject);
            messageId = clip(envelope.messageId, 1000);
            sent = envelope.date == null ? null : envelope.date.toInstant();
            List<Address> senders = addresses(envelope.from);
            from = senders.isEmpty() ? null : senders.get(0);
            to = addresses(envelope.to);
            cc = addresses(envelope.cc);
        }
        return new MessageMeta(Uid.of(uid), ModSeq.NONE, flags == null ? MessageFlags.NONE : flags(flags), messageId,
                subject, from, to, cc, sent, received, size == null ? 0 : size.size, hasAttachment(structure, true),
                null);
    }

    static boolean hasAttachment(BODYSTRUCTURE part, boolean root) {
        if (part == null) {
            return false;
        }
        if (part.isMulti()) {
            if (part.bodies != null) {
                for (BODYSTRUCTURE child : part.bodies) {
                    if (hasAttachment(child, false)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if ("attachment".equalsIgnoreCase(part.disposition) || part.isNested()) {
            return true;
        }
        boolean named = (part.dParams != null && part.dParams.get("filename") != null)
                || (part.cParams != null && part.cParams.get("name") != null);
        return named && !(root && "text".equalsIgnoreCase(part.type));
    }

    private static List<Address> addresses(InternetAddress[] list) {
        if (list == null) {
            return List.of();
        }
        List<Address> out = new ArrayList<>();
        for (InternetAddress address : list) {
            if (address == null || out.size() >= MAX_ADDRESSES) {
                continue;
            }
            String email = clip(address.getAddress(), 320);
            String name;
            try {
                name = clip(address.getPersonal(), 200);
            } catch (RuntimeException e) {
                name = null;
            }
            if (email != null || name != null) {
                out.add(new Address(name, email));
            }
        }
        return out;
    }

    private static String decode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return clip(MimeUtility.decodeText(MimeUtility.unfold(text)), MAX_TEXT);
        } catch (IOException | RuntimeException e) {
            return clip(text, MAX_TEXT);
        }
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.replace('\u0000', ' ');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    /** UIDs as a compact IMAP set, e.g. {@code 1:5,7,9:12}. */
    static String uidSet(Collection<Uid> uids) {
        TreeSet<Long> sorted = new TreeSet<>(Uid.values(uids));
        StringBuilder set = new StringBuilder();
        Long start = null;
        Long previous = null;
        for (Long uid : sorted) {
            if (start == null) {
                start = uid;
            } else if (uid != previous + 1) {
                appendRange(set, start, previous);
                start = uid;
            }
            previous = uid;
        }
        if (start != null) {
            appendRange(set, start, previous);
        }
        return set.toString();
    }

    private static void appendRange(StringBuilder set, long start, long end) {
        if (!set.isEmpty()) {
            set.append(',');
        }
        set.append(start);
        if (end != start) {
            set.append(':').append(end);
        }
    }

    /** Sorts a failure into what it stops, through the one translation of upstream failures. */
    private UpstreamException classify(String what, MessagingException e) {
        boolean connected;
        try {
            connected = store.isConnected();
        } catch (RuntimeException ex) {
            connected = false;
        }
        return UpstreamFailures.duringCommand(what, e, connected, endpoint, login);
    }

    @Override
    public boolean worthKeepingOpen() {
        return roomToKeep.getAsBoolean();
    }

    @Override
    public void close() {
        // not synchronized: closing from another thread must not wait for a running command
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        StatusConnections.Opened line = statusLine;
        if (line != null) {
            line.close();
        }
        try {
            UpstreamSessions.logOut(store);
        } finally {
            onClose.run();
        }
    }
}
