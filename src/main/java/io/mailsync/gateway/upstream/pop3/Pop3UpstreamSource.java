package io.mailsync.gateway.upstream.pop3;

import io.mailsync.gateway.account.AccountUpstream;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.mailbox.MessageUnavailableException.Reason;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.pop3.MaildropSource;
import io.mailsync.gateway.pop3.SourceMessage;
import io.mailsync.gateway.pop3.Uidl;
import io.mailsync.gateway.upstream.UpstreamFailures;
import io.mailsync.gateway.upstream.UpstreamSessions;
import io.mailsync.gateway.upstream.UpstreamSessions.Protocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.jboss.logging.Logger;

/**
 * Feeds POP maildrops of accounts with a POP3 endpoint from that server (Jakarta Mail {@code pop3},
 * keyed by UIDL), on the sessions of {@link UpstreamSessions}: timeouts on every call, TLS as the account asks,
 * XOAUTH2 for OAuth2 accounts.
 */
@ApplicationScoped
public class Pop3UpstreamSource implements MaildropSource {

    private static final Logger LOG = Logger.getLogger(Pop3UpstreamSource.class);
    private static final int MAX_LISTED = 10_000;

    private final AccountUpstream accounts;
    private final UpstreamSessions sessions;

    Pop3UpstreamSource(AccountUpstream accounts, UpstreamSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public boolean serves(UUID accountId) {
        return accounts.hasPop3(accountId).orElse(false);
    }

    @Override
    public List<SourceMessage> list(UUID accountId) {
        return withInbox(accountId, Folder.READ_ONLY, folder -> {
            Message[] messages = folder.getMessages();
            int from = Math.max(0, messages.length - MAX_LISTED);
            Message[] newest = java.util.Arrays.copyOfRange(messages, from, messages.length);
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.ENVELOPE);
            folder.fetch(newest, profile);
            // the whole message's size as LIST gives it (Message.getSize() is the body's only), as the
            // IMAP mirror's RFC822.SIZE is: what the comparison matches on when a Message-ID is missing
            int[] sizes = folder.getSizes();
            List<SourceMessage> listed = new ArrayList<>(newest.length);
            for (Message m : newest) {
                String uidl = folder.getUID(m);
                if (!Uidl.valid(uidl)) {
                    LOG.warnf("POP3 account %s: a message without a usable UIDL is skipped", accountId);
                    continue;
                }
                String[] messageId = m.getHeader("Message-ID");
                String from1 = m.getFrom() != null && m.getFrom().length > 0
                        && m.getFrom()[0] instanceof InternetAddress a ? a.getAddress() : null;
                listed.add(new SourceMessage(null, uidl,
                        messageId == null || messageId.length == 0 ? null : UpstreamFailures.sanitise(messageId[0], null),
                        UpstreamFailures.sanitise(m.getSubject(), null), from1,
                        Math.max(0, m.getMessageNumber() <= sizes.length ? sizes[m.getMessageNumber() - 1] : m.getSize()),
                        m.getSentDate() == null ? null : m.getSentDate().toInstant()));
            }
            return listed;
        });
    }

    @Override
    public byte[] retrieve(UUID accountId, String reference, int maxBytes) {
        return withInbox(accountId, Folder.READ_ONLY, folder -> {
            for (Message m : byUidl(folder, Set.of(reference))) {
                BoundedBytes bytes = new BoundedBytes(maxBytes);
                try {
                    m.writeTo(bytes);
                } catch (IOException e) {
                    throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE,
                            "the POP3 server stopped sending the message");
                }
                return bytes.toByteArray();
            }
            throw new MessageUnavailableException(Reason.GONE, "the message is gone from the POP3 server");
        });
    }

    @Override
    public void delete(UUID accountId, Collection<String> references) {
        withInbox(accountId, Folder.READ_WRITE, folder -> {
            for (Message m : byUidl(folder, new HashSet<>(references))) {
                m.setFlag(Flags.Flag.DELETED, true);
            }
            return null;
        });
    }

    private static List<Message> byUidl(POP3Folder folder, Set<String> uidls) throws MessagingException {
        Message[] messages = folder.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(messages, profile);
        List<Message> found = new ArrayList<>();
        for (Message m : messages) {
            if (uidls.contains(folder.getUID(m))) {
                found.add(m);
            }
        }
        return found;
    }

    /** One POP3 call on INBOX; at the end the folder is closed with expunge (QUIT commits DELEs) when writable. */
    private <T> T withInbox(UUID accountId, int mode, InboxCall<T> call) {
        AccountUpstream.Endpoints endpoints = accounts.of(accountId)
                .filter(e -> e.pop3() != null)
                .orElseThrow(() -> new MessageUnavailableException(Reason.GONE, "account not found"));
        UpstreamEndpoint pop3 = endpoints.pop3();
        UpstreamLogin login = endpoints.login();
        Store store = null;
        try {
            Session session = sessions.session(Protocol.POP3, pop3, login.authKind());
            store = session.getStore(Protocol.POP3.provider(pop3.security()));
            store.connect(pop3.host(), pop3.port(), login.username(), login.secret());
            POP3Folder folder = (POP3Folder) store.getFolder("INBOX");
            folder.open(mode);
            T result;
            try {
                result = call.on(folder);
            } catch (MessagingException | RuntimeException e) {
                folder.close(false);
                throw e;
            }
            folder.close(mode == Folder.READ_WRITE);
            return result;
        } catch (MessagingException e) {
            throw UpstreamFailures.translate(e, pop3, login);
        } finally {
            UpstreamSessions.logOut(store);
        }
    }

    @FunctionalInterface
    private interface InboxCall<T> {
        T on(POP3Folder folder) throws MessagingException;
    }
}
