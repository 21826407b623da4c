package io.mailsync.gateway.testing;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * An in-JVM IMAP server on 127.0.0.1 with one user, filled over IMAP APPEND the way any mail
 * client would, so that the gateway reads real protocol answers.
 */
public final class GreenMailUpstream implements AutoCloseable {

    public final String username;
    public final String password = "upstream-secret";
    private final GreenMail greenMail;

    public GreenMailUpstream(String username) {
        this.username = username;
        this.greenMail = new GreenMail(GreenMailImap.onLoopback());
        greenMail.start();
        greenMail.setUser(username + "@example.test", username, password);
    }

    public int port() {
        return greenMail.getImap().getPort();
    }

    /** A registration of this server's user, with its address and password. */
    public AccountRegistration registration() {
        return AccountRegistration.of(username, password).imap(port());
    }

    /** What a client appended and what the server made of it. */
    public record Appended(long uid, long uidValidity) {
    }

    public Appended append(String folderPath, byte[] raw) throws MessagingException {
        Store store = connect();
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderPath);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            folder.appendMessages(new Message[] {message});
            folder.open(Folder.READ_ONLY);
            try {
                Message last = folder.getMessage(folder.getMessageCount());
                return new Appended(folder.getUID(last), folder.getUIDValidity());
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    public void expunge(String folderPath, long uid) throws MessagingException {
        Store store = connect();
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderPath);
            folder.open(Folder.READ_WRITE);
            folder.getMessageByUID(uid).setFlags(new Flags(Flags.Flag.DELETED), true);
            folder.close(true);
        } finally {
            store.close();
        }
    }

    /** The flags the server holds for a message, read without changing them. */
    public Flags flags(String folderPath, long uid) throws MessagingException {
        Store store = connect();
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderPath);
            folder.open(Folder.READ_ONLY);
            try {
                return new Flags(folder.getMessageByUID(uid).getFlags());
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** How many messages the server holds in a folder. */
    public int count(String folderPath) throws MessagingException {
        Store store = connect();
        try {
            return store.getFolder(folderPath).getMessageCount();
        } finally {
            store.close();
        }
    }

    private Store connect() throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port(), username, password);
        return store;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
