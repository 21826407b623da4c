package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.mailbox.MessageContent;
import io.mailsync.gateway.mailbox.MessageDownload;
import io.mailsync.gateway.mailbox.MessageUnavailableException.Reason;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.RawMessageReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Properties;

/**
 * Reads a message held as bytes (a POP device's downloaded copy) exactly as {@link ImapMessageReader}
 * reads a server's: the same bodies, caps, headers and attachment ids, so that both models answer alike.
 */
@ApplicationScoped
public class KeptMessageReader implements RawMessageReader {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Override
    public MessageContent content(byte[] raw) {
        try {
            return ImapMessageReader.content(parse(raw));
        } catch (MessagingException | IOException e) {
            throw new MessageUnavailableException(Reason.GONE, "the kept copy of the message cannot be read");
        }
    }

    @Override
    public MessageDownload attachment(byte[] raw, String attachmentId) {
        if (!ImapMessageReader.validPartId(attachmentId)) {
            throw new MessageUnavailableException(Reason.GONE, "attachment not found");
        }
        try {
            Part part = ImapMessageReader.findPart(parse(raw), attachmentId);
            if (part == null || ImapMessageReader.isMultipart(part.getContentType())) {
                throw new MessageUnavailableException(Reason.GONE, "attachment not found");
            }
            String contentType = ImapMessageReader.safeType(part.getContentType());
            String filename = ImapMessageReader.filename(part, contentType, attachmentId);
            return new KeptPart(part, contentType, filename);
        } catch (MessagingException | IOException e) {
            throw new MessageUnavailableException(Reason.GONE, "attachment not found");
        }
    }

    private static MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    /** A part of a kept message: nothing to give back when done. */
    private record KeptPart(Part part, String contentType, String filename) implements MessageDownload {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = part.getInputStream()) {
                in.transferTo(out);
            } catch (MessagingException e) {
                throw new IOException("the part cannot be decoded");
            }
        }

        @Override
        public void close() {
        }
    }
}
