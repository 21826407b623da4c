package io.mailsync.gateway.upstream.smtp;

import io.mailsync.gateway.account.AccountEntity;
import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.CredentialCipher;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.command.CommandRefused;
import io.mailsync.gateway.command.MailSubmission;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.upstream.HostConnectionLimit;
import io.mailsync.gateway.upstream.UpstreamFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import java.util.UUID;

/**
 * Sends through the account's SMTP endpoint with Jakarta Mail's smtp provider and the account's own login:
 * timeouts on every call, STARTTLS required when the account says so, within the per-host connection limit.
 * The message goes as stored; the provider leaves the Bcc header out of what it transmits.
 */
@ApplicationScoped
public class SmtpSubmission implements MailSubmission {

    private final CredentialCipher credentials;
    private final HostConnectionLimit limit;
    private final MailsyncConfig config;

    public SmtpSubmission(CredentialCipher credentials, HostConnectionLimit limit, MailsyncConfig config) {
        this.credentials = credentials;
        this.limit = limit;
        this.config = config;
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
        String protocol = smtp.endpoint().security() == Security.SSL ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(protocol, smtp));
        try (Transport transport = session.getTransport(protocol)) {
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

    private Properties properties(String protocol, Smtp smtp) {
        String timeout = Long.toString(config.upstream().timeout().toMillis());
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", timeout);
        props.setProperty(p + "timeout", timeout);
        props.setProperty(p + "writetimeout", timeout);
        props.setProperty(p + "auth", "true");
        if (smtp.endpoint().security() == Security.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (smtp.endpoint().security() != Security.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        if (smtp.login().authKind() == AuthKind.OAUTH2) {
            props.setProperty(p + "auth.mechanisms", "XOAUTH2");
        }
        return props;
    }

    private Smtp smtp(UUID accountId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            AccountEntity account = AccountEntity.findById(accountId);
            if (account == null || account.smtpHost == null || account.smtpPort == null || account.smtpSecurity == null) {
                return null;
            }
            return new Smtp(new UpstreamEndpoint(account.smtpHost, account.smtpPort, account.smtpSecurity),
                    credentials.login(account));
        });
    }
}
