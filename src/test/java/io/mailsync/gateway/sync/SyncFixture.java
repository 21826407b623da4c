package io.mailsync.gateway.sync;

import static org.awaitility.Awaitility.await;

import io.mailsync.gateway.account.AccountEntity;
import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.CredentialCipher;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.store.ChangeLogEntry;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Test accounts in the database and a plain IMAP client playing "another device" upstream. */
@ApplicationScoped
public class SyncFixture {

    private final CredentialCipher cipher;
    private final SyncEngine engine;

    public SyncFixture(CredentialCipher cipher, SyncEngine engine) {
        this.cipher = cipher;
        this.engine = engine;
    }

    /**
     * Waits for a complete pass that started after now: the first success after now may belong to a
     * pass already running, the second cannot.
     */
    public void awaitPass(UUID id, Duration deadline) {
        Instant first = successAfter(id, Instant.now(), deadline);
        successAfter(id, first, deadline);
    }

    private Instant successAfter(UUID id, Instant after, Duration deadline) {
        engine.requestSync(id);
        return await().atMost(deadline).until(() -> account(id).lastSuccessAt,
                at -> at != null && at.isAfter(after));
    }

    /** Persists an account as the accounts API would, without verifying the login. */
    public UUID createAccount(String username, String password, int port) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            AccountEntity account = new AccountEntity();
            account.id = id;
            account.email = username.contains("@") ? username : username + "@example.test";
            account.username = username;
            account.authKind = AuthKind.PASSWORD;
            account.secretCiphertext = cipher.encrypt(id, password);
            account.imapHost = "127.0.0.1";
            account.imapPort = port;
            account.imapSecurity = Security.NONE;
            account.state = AccountState.INITIAL_SYNC;
            account.createdAt = Instant.now();
            account.persist();
        });
        return id;
    }

    public void deleteAccount(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> AccountEntity.deleteById(id));
    }

    public AccountEntity account(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> AccountEntity.findById(id));
    }

    public List<FolderEntity> folders(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> FolderEntity.list("accountId = ?1 order by path", accountId));
    }

    public FolderEntity folder(UUID accountId, String path) {
        return folders(accountId).stream().filter(f -> f.path.equals(path)).findFirst().orElse(null);
    }

    public List<MessageEntity> messages(UUID folderId) {
        return QuarkusTransaction.requiringNew().call(() -> MessageEntity.list("folderId = ?1 order by uid", folderId));
    }

    public long messageCount(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> MessageEntity.count("accountId", accountId));
    }

    public long changes(UUID accountId, String type) {
        return QuarkusTransaction.requiringNew().call(
                () -> ChangeLogEntry.count("key.accountId = ?1 and type = ?2", accountId, type));
    }

    public List<ChangeLogEntry> changeLog(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(
                () -> ChangeLogEntry.list("key.accountId = ?1 order by key.seq", accountId));
    }

    /** A plain IMAP client logged in as the user, as another device would be. */
    public static Store client(int port, String username, String password) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "10000");
        props.setProperty("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port, username, password);
        return store;
    }

    public static MimeMessage message(String subject, String from, boolean withAttachment) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, "someone@example.test");
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new java.util.Date());
        if (withAttachment) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText("see attached", "UTF-8");
            MimeBodyPart file = new MimeBodyPart();
            file.setContent("a,b\n1,2\n", "text/csv");
            file.setFileName("numbers.csv");
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            message.setContent(new MimeMultipart(text, file));
        } else {
            message.setText("hello " + subject, "UTF-8");
        }
        message.saveChanges();
        return message;
    }

    /** Appends messages to a folder, creating it if needed. */
    public static void append(Store store, String path, MimeMessage... messages) throws MessagingException {
        Folder folder = store.getFolder(path);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        folder.appendMessages(messages);
    }
}
