package io.mailsync.gateway.upstream.smtp;

import io.mailsync.gateway.account.AccountUpstream;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.command.CommandRefused;
import io.mailsync.gateway.command.MailSubmission;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.upstream.HostConnectionLimit;
import io.mailsync.gateway.upstream.UpstreamFailures;
import io.mailsync.gateway.upstream.UpstreamSessions;
import io.mailsync.gateway.upstream.UpstreamSessions.Protocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.UUID;

/**
 * Sends through the account's SMTP endpoint with Jakarta Mail's smtp provider and the account's own login,
 * on the sessions of {@link UpstreamSessions} (timeouts on every call, STARTTLS required when the account says
 * so, XOAUTH2 for OAuth2 accounts), within the per-host connection limit.
 * The message goes as stored; the provider leaves the Bcc header out of what it transmits.
 */
@ApplicationScoped
public class SmtpSubmission implements MailSubmission {

    private final AccountUpstream accounts;
    private final HostConnectionLimit limit;
    private final UpstreamSessions sessions;

    public SmtpSubmission(AccountUpstream accounts, HostConnectionLimit limit, UpstreamSessions sessions) {
        this.accounts = accounts;
        this.limit = limit;
        this.sessions = sessions;
    }

    private record Smtp(UpstreamEndpoint endpoint, UpstreamLogin login) {
        @Override
        public String toString() {
            return "Smtp[" + endpoint + "]";
        }
    }

    @Override
    public boolean available(UUID accountId) {
        return smtp(accountId) != null;
    }

    @Override
    public void submit(UUID accountId, byte[] rfc822) {
        Smtp smtp = smtp(accountId);
        if (smtp == null) {
            throw new CommandRefused(CommandRefused.Reason.CONFLICT, "the account has no SMTP endpoint");
        }
        Runnable release = limit.acquire(smtp.endpoint().host());
        Session session = sessions.session(Protocol.SMTP, smtp.endpoint(), smtp.login().authKind());
        try (Transport transport = session.getTransport(Protocol.SMTP.provider(smtp.endpoint().security()))) {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(rfc822));
            Address[] recipients = message.getAllRecipients();
            if (recipients == null || recipients.length == 0) {
                throw new CommandRefused(CommandRefused.Reason.CONFLICT, "the draft has no recipients");
            }
            transport.connect(smtp.endpoint().host(), smtp.endpoint().port(), smtp.login().username(),
                    smtp.login().secret());
            transport.sendMessage(message, recipients);
        } catch (MessagingException e) {
            UpstreamException failure = UpstreamFailures.translate(e, smtp.endpoint(), smtp.login());
            throw new UpstreamException(failure.kind(), "SMTP: " + failure.getMessage());
        } finally {
            release.run();
        }
    }

    private Smtp smtp(UUID accountId) {
        return accounts.of(accountId).filter(e -> e.smtp() != null)
                .map(e -> new Smtp(e.smtp(), e.login())).orElse(null);
    }
}
