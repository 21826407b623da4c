package io.mailsync.gateway.pop3;

import static org.awaitility.Awaitility.await;

import io.mailsync.gateway.account.AccountEntity;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.store.MailboxQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.MirrorFixture;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** An IMAP-only account on GreenMail, mirrored by the real sync engine, for the POP model's tests. */
@ApplicationScoped
public class PopFixture {

    private final MirrorFixture mirror;
    private final MailboxQueries queries;

    PopFixture(MirrorFixture mirror, MailboxQueries queries) {
        this.mirror = mirror;
        this.queries = queries;
    }

    /** Registers the account and waits until the mirror's INBOX holds {@code expected} messages. */
    public UUID mirroredAccount(GreenMailUpstream upstream, int expected) {
        UUID account = mirror.account("127.0.0.1", upstream.port(), upstream.username, upstream.password);
        awaitInbox(account, expected);
        return account;
    }

    /** An account with an upstream POP3 endpoint: its POP devices are fed from that server, not the mirror. */
    public UUID pop3Account(int imapPort, int pop3Port, String username, String password) {
        UUID account = mirror.account("127.0.0.1", imapPort, username, password);
        QuarkusTransaction.requiringNew().run(() -> {
            AccountEntity entity = AccountEntity.findById(account);
            entity.pop3Host = "127.0.0.1";
            entity.pop3Port = pop3Port;
            entity.pop3Security = Security.NONE;
        });
        return account;
    }

    public void awaitInbox(UUID account, int expected) {
        await("the mirror's INBOX holds " + expected + " messages").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> inboxTotal(account) == expected);
    }

    public long inboxTotal(UUID account) {
        List<FolderSummary> folders = queries.folders(account).orElse(List.of());
        return folders.stream().filter(f -> f.role() == FolderRole.INBOX).mapToLong(FolderSummary::total)
                .findFirst().orElse(-1);
    }

    public static byte[] message(String subject, String body) {
        String text = "From: Sender <sender@example.test>\r\n"
                + "To: someone@example.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@example.test>\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + body;
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A body whose lines start with dots, so that byte-stuffing shows. */
    public static final String DOTTED_BODY = "first line\r\n.starts with a dot\r\n..two dots\r\n.\r\nlast line\r\n";
}
