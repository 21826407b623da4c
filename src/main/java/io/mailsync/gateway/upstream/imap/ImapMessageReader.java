package io.mailsync.gateway.upstream.imap;

import io.mailsync.gateway.account.AccountUpstream;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.mailbox.Address;
import io.mailsync.gateway.mailbox.AttachmentPart;
import io.mailsync.gateway.mailbox.BodyText;
import io.mailsync.gateway.mailbox.MessageContent;
import io.mailsync.gateway.mailbox.MessageDownload;
import io.mailsync.gateway.mailbox.MessageHeader;
import io.mailsync.gateway.mailbox.MessageLocation;
import io.mailsync.gateway.mailbox.MessageUnavailableException.Reason;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.mailbox.UpstreamMessages;
import io.mailsync.gateway.upstream.UpstreamFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.jboss.logging.Logger;

/**
 * Fetches message bodies from the upstream IMAP server on demand: the structure first
 * (BODYSTRUCTURE), then only the text parts, each capped; attachments and raw messages are
 * streamed in {@code fetchsize} chunks (partial FETCH), never held whole in memory.
 */
@ApplicationScoped
public class ImapMessageReader implements UpstreamMessages {

    private static final Logger LOG = Logger.getLogger(ImapMessageReader.class);

    /** Largest text or HTML body returned in a detail; longer ones are cut and marked truncated. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int MAX_HEADERS = 500;
    private static final int MAX_HEADER_VALUE = 8 * 1024;
    private static final int MAX_PARTS = 500;
    private static final int MAX_DEPTH = 16;
    private static final Pattern PART_ID = Pattern.compile("[1-9][0-9]{0,3}(\\.[1-9][0-9]{0,3}){0,15}");
    /** File name endings for unnamed parts of common types, so that saved files open. */
    private static final java.util.Map<String, String> EXTENSIONS = java.util.Map.of(
            "image/png", ".png", "image/jpeg", ".jpg", "image/gif", ".gif", "image/webp", ".webp",
            "application/pdf", ".pdf", "text/calendar", ".ics", "text/plain", ".txt", "text/html", ".html",
            "text/csv", ".csv", "application/zip", ".zip");
    private static final Pattern MIME_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,128}");

    private final ImapReadConnections connections;
    private final AccountUpstream accounts;

    public ImapMessageReader(ImapReadConnections connections, AccountUpstream accounts) {
        this.connections = connections;
        this.accounts = accounts;
    }

    @Override
    public MessageContent read(MessageLocation location) {
        Opened opened = open(location);
        try {
            IMAPMessage message = opened.message;
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add(IMAPFolder.FetchProfileItem.HEADERS);
            opened.folder.fetch(new Message[] {message}, profile);

            MessageContent content = content(message);
            opened.close();
            return content;
        } catch (MessagingException e) {
            opened.discard();
            throw opened.translate(e);
        } catch (IOException e) {
            opened.discard();
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE,
                    "the upstream server stopped sending the message");
        } catch (RuntimeException e) {
            opened.discard();
            throw e;
        }
    }

    /** Headers, bodies (capped) and attachment list of a message, whether upstream or parsed from bytes. */
    static MessageContent content(Message message) throws MessagingException, IOException {
        Structure structure = new Structure();
        structure.walk(message, message.getContentType(), "", 0, false);
        BodyText text = readTexts(structure.texts);
        BodyText html = structure.html == null ? null : readText(structure.html, MAX_BODY_BYTES);
        return new MessageContent(
                MimeText.header(message.getSubject()),
                first(addresses(message.getFrom())),
                addresses(message.getRecipients(Message.RecipientType.TO)),
                addresses(message.getRecipients(Message.RecipientType.CC)),
                message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                headers(message),
                text, html, structure.attachments);
    }

    @Override
    public MessageDownload openRaw(MessageLocation location) {
        Opened opened = open(location);
        String filename = location.uid() + ".eml";
        return new ImapDownload(opened, "message/rfc822", filename, () -> opened.message.getMimeStream());
    }

    @Override
    public MessageDownload openAttachment(MessageLocation location, String attachmentId) {
        if (!validPartId(attachmentId)) {
            throw new MessageUnavailableException(Reason.GONE, "attachment not found");
        }
        Opened opened = open(location);
        try {
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.CONTENT_INFO);
            opened.folder.fetch(new Message[] {opened.message}, profile);
            Part part = findPart(opened.message, attachmentId);
            if (part == null || isMultipart(part.getContentType())) {
                throw new MessageUnavailableException(Reason.GONE, "attachment not found");
            }
            String contentType = safeType(part.getContentType());
            String filename = filename(part, contentType, attachmentId);
            return new ImapDownload(opened, contentType, filename, part::getInputStream);
        } catch (MessagingException e) {
            opened.discard();
            throw opened.translate(e);
        } catch (IOException e) {
            opened.close();
            throw new MessageUnavailableException(Reason.GONE, "attachment not found");
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    static boolean validPartId(String id) {
        return id != null && PART_ID.matcher(id).matches();
    }

    /** Connects, opens the folder read-only and finds the message; the caller closes what it gets. */
    private Opened open(MessageLocation location) {
        Upstream upstream = upstream(location.accountId());
        ImapReadConnections.Lease lease = connections.acquire(location.accountId(), upstream.endpoint(),
                upstream.login());
        Opened opened = new Opened(upstream, lease, null);
        try {
            IMAPFolder folder = (IMAPFolder) lease.store().getFolder(location.folderPath());
            opened = new Opened(upstream, lease, folder);
            try {
                folder.open(Folder.READ_ONLY);
            } catch (FolderNotFoundException e) {
                throw new MessageUnavailableException(Reason.GONE, "message not found: its folder is gone upstream");
            }
            if (location.uidValidity() != null && folder.getUIDValidity() != location.uidValidity().value()) {
                throw new MessageUnavailableException(Reason.FOLDER_RESET,
                        "the folder was reset upstream (UIDVALIDITY changed); its message ids are being replaced");
            }
            IMAPMessage message = (IMAPMessage) folder.getMessageByUID(location.uid().value());
            if (message == null || message.isExpunged()) {
                throw new MessageUnavailableException(Reason.GONE, "message not found: it is gone upstream");
            }
            opened.message = message;
            return opened;
        } catch (MessagingException e) {
            opened.discard();
            throw opened.translate(e);
        } catch (MessageUnavailableException e) {
            opened.close();
            throw e;
        } catch (RuntimeException e) {
            opened.discard();
            throw e;
        }
    }

    private Upstream upstream(UUID accountId) {
        return accounts.of(accountId).map(e -> new Upstream(e.imap(), e.login()))
                .orElseThrow(() -> new MessageUnavailableException(Reason.GONE, "account not found"));
    }

    static Part findPart(Message message, String id) throws MessagingException, IOException {
        String[] steps = id.split("\\.");
        if (!isMultipart(message.getContentType())) {
            return "1".equals(id) ? message : null;
        }
        Part part = message;
        for (String step : steps) {
            if (!isMultipart(part.getContentType())) {
                return null;
            }
            Multipart multipart = (Multipart) part.getContent();
            int index = Integer.parseInt(step) - 1;
            if (index >= multipart.getCount()) {
                return null;
            }
            part = multipart.getBodyPart(index);
        }
        return part;
    }

    private static BodyText readTexts(List<Part> parts) throws MessagingException, IOException {
        if (parts.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        boolean truncated = false;
        int budget = MAX_BODY_BYTES;
        for (Part part : parts) {
            if (budget <= 0) {
                truncated = true;
                break;
            }
            BodyText one = readText(part, budget);
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(one.content());
            truncated |= one.truncated();
            budget -= one.content().length() * 2;
        }
        return new BodyText(text.toString(), truncated);
    }

    /** Reads at most {@code cap} decoded bytes of a text part and decodes them with its charset. */
    private static BodyText readText(Part part, int cap) throws MessagingException, IOException {
        String charset = parameter(part.getContentType(), "charset");
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(cap + 1);
        }
        boolean truncated = bytes.length > cap;
        if (truncated) {
            bytes = java.util.Arrays.copyOf(bytes, cap);
        }
        return new BodyText(MimeText.decode(bytes, charset), truncated);
    }

    private static List<MessageHeader> headers(Message message) throws MessagingException {
        List<MessageHeader> headers = new ArrayList<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements() && headers.size() < MAX_HEADERS) {
            Header header = all.nextElement();
            String value = MimeText.header(header.getValue());
            if (value != null && value.length() > MAX_HEADER_VALUE) {
                value = value.substring(0, MAX_HEADER_VALUE);
            }
            headers.add(new MessageHeader(header.getName(), value));
        }
        return headers;
    }

    private static List<Address> addresses(jakarta.mail.Address[] addresses) {
        List<Address> out = new ArrayList<>();
        if (addresses == null) {
            return out;
        }
        for (jakarta.mail.Address address : addresses) {
            if (address instanceof InternetAddress internet) {
                String personal = internet.getPersonal();
                out.add(new Address(personal == null || personal.isBlank() ? null : MimeText.header(personal),
                        MimeText.rawBytes(internet.getAddress())));
            }
        }
        return out;
    }

    private static Address first(List<Address> addresses) {
        return addresses.isEmpty() ? null : addresses.get(0);
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "multipart/", 0, 10);
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "text/plain";
        }
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }
    }

    private static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        try {
            return new ContentType(contentType).getParameter(name);
        } catch (ParseException e) {
            return null;
        }
    }

    static String safeType(String contentType) {
        String base = baseType(contentType);
        return MIME_TYPE.matcher(base).matches() ? base : "application/octet-stream";
    }

    /** The decoded file name of a part (RFC 2231 or RFC 2047), or one made from its type and id. */
    static String filename(Part part, String contentType, String id) throws MessagingException {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException e) {
            name = null;
        }
        if (name == null || name.isBlank()) {
            name = parameter(part.getContentType(), "name");
        }
        if (name != null && !name.isBlank()) {
            return MimeText.header(name);
        }
        if ("message/rfc822".equals(contentType)) {
            return "message-" + id + ".eml";
        }
        return "attachment-" + id + EXTENSIONS.getOrDefault(contentType, "");
    }

    private record Upstream(UpstreamEndpoint endpoint, UpstreamLogin login) {
        @Override
        public String toString() {
            return "Upstream[" + endpoint + "]";
        }
    }

    /** A leased connection with its folder open and, once found, the message. */
    private static final class Opened implements AutoCloseable {
        private final Upstream upstream;
        private final ImapReadConnections.Lease lease;
        private final IMAPFolder folder;
        IMAPMessage message;

        Opened(Upstream upstream, ImapReadConnections.Lease lease, IMAPFolder folder) {
            this.upstream = upstream;
            this.lease = lease;
            this.folder = folder;
        }

        UpstreamException translate(MessagingException e) {
            return UpstreamFailures.translate(e, upstream.endpoint(), upstream.login());
        }

        /** Closes the folder and gives the connection back for the next read when all went well. */
        @Override
        public void close() {
            boolean sound = true;
            try {
                if (folder != null && folder.isOpen()) {
                    folder.close(false);
                }
            } catch (MessagingException | IllegalStateException e) {
                sound = false;
                LOG.debugf("closing an upstream folder failed: %s", e.getMessage());
            }
            lease.release(sound);
        }

        /** Gives the connection back to be closed: its protocol state is unknown after a failure. */
        void discard() {
            lease.release(false);
        }
    }

    /** Where a part's bytes come from, opened only when the download starts. */
    @FunctionalInterface
    private interface Source {
        InputStream open() throws MessagingException, IOException;
    }

    /** A download that holds its upstream connection until written or closed. */
    private static final class ImapDownload implements MessageDownload {
        private final Opened opened;
        private final String contentType;
        private final String filename;
        private final Source source;

        ImapDownload(Opened opened, String contentType, String filename, Source source) {
            this.opened = opened;
            this.contentType = contentType;
            this.filename = filename;
            this.source = source;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public String filename() {
            return filename;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = source.open()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
                opened.close();
            } catch (MessagingException e) {
                opened.discard();
                throw new IOException("upstream failed during the download: " + opened.translate(e).getMessage());
            } catch (IOException | RuntimeException e) {
                opened.discard();
                throw e;
            }
        }

        @Override
        public void close() {
            opened.discard();
        }
    }

    /** Sorts the parts of a message into body texts, an HTML body and attachments, by RFC 2046 rules. */
    private static final class Structure {
        final List<Part> texts = new ArrayList<>();
        Part html;
        final List<AttachmentPart> attachments = new ArrayList<>();
        int parts;

        void walk(Part part, String contentType, String id, int depth, boolean inAlternative)
                throws MessagingException, IOException {
            if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
                return;
            }
            String type = baseType(contentType);
            if (type.startsWith("multipart/")) {
                Multipart multipart = (Multipart) part.getContent();
                boolean alternative = type.equals("multipart/alternative");
                boolean related = type.equals("multipart/related");
                for (int i = 0; i < multipart.getCount(); i++) {
                    Part child = multipart.getBodyPart(i);
                    String childId = id.isEmpty() ? Integer.toString(i + 1) : id + "." + (i + 1);
                    if (related && i > 0) {
                        attachment(child, childId, true);
                    } else {
                        walk(child, child.getContentType(), childId, depth + 1, alternative || inAlternative);
                    }
                }
                return;
            }
            String partId = id.isEmpty() ? "1" : id;
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || hasName(part);
            if (!attached && type.equals("text/plain") && (!inAlternative || texts.isEmpty())) {
                texts.add(part);
            } else if (!attached && type.equals("text/html") && html == null) {
                html = part;
            } else if (!attached && inAlternative && (type.equals("text/plain") || type.equals("text/html"))) {
                // a second rendering of a body already chosen: not an attachment
                return;
            } else {
                attachment(part, partId, false);
            }
        }

        private void attachment(Part part, String id, boolean inline) throws MessagingException {
            String contentType = safeType(part.getContentType());
            long size = Math.max(part.getSize(), 0);
            String encoding = part instanceof jakarta.mail.internet.MimePart mime ? mime.getEncoding() : null;
            if ("base64".equalsIgnoreCase(encoding)) {
                size = size * 3 / 4;
            }
            String contentId = part instanceof jakarta.mail.internet.MimePart mime ? mime.getContentID() : null;
            boolean isInline = inline || Part.INLINE.equalsIgnoreCase(disposition(part));
            attachments.add(new AttachmentPart(id, filename(part, contentType, id), contentType, size, isInline,
                    contentId == null ? null : contentId.replaceAll("^<|>$", "")));
        }

        private static String disposition(Part part) {
            try {
                return part.getDisposition();
            } catch (MessagingException e) {
                return null;
            }
        }

        private static boolean hasName(Part part) {
            try {
                String name = part.getFileName();
                return name != null && !name.isBlank();
            } catch (MessagingException e) {
                return false;
            }
        }
    }
}
