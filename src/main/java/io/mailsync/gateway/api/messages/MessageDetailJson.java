package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.mailbox.AttachmentPart;
import io.mailsync.gateway.mailbox.MessageContent;
import io.mailsync.gateway.mailbox.MessageHeader;
import io.mailsync.gateway.mailbox.MessageSummary;
import io.mailsync.gateway.mailbox.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A message with its content fetched from upstream. Flags and keywords come from the mirror;
 * subject, addresses, headers and bodies from the message itself, decoded.
 */
@Schema(name = "MessageDetail")
public record MessageDetailJson(
        UUID id,
        UUID folderId,
        @Schema(nullable = true) String subject,
        @Schema(nullable = true) AddressJson from,
        List<AddressJson> to,
        List<AddressJson> cc,
        Instant date,
        Instant receivedAt,
        boolean seen,
        boolean flagged,
        boolean answered,
        boolean draft,
        List<String> keywords,
        long size,
        boolean hasAttachments,
        @Schema(nullable = true) String preview,
        @Schema(description = "Every header field in message order, unfolded, encoded words decoded; "
                + "a name may repeat") List<HeaderJson> headers,
        @Schema(nullable = true, description = "The text/plain body, decoded; null when the message has none")
        String textBody,
        @Schema(description = "True when textBody was cut at the gateway's 1 MiB cap") boolean textBodyTruncated,
        @Schema(nullable = true, description = "The text/html body, decoded, as sent: render it sandboxed. "
                + "Inline images are attachments with a contentId (cid: URLs)") String htmlBody,
        @Schema(description = "True when htmlBody was cut at the gateway's 1 MiB cap") boolean htmlBodyTruncated,
        List<AttachmentJson> attachments) {

    /** One header field. */
    @Schema(name = "MessageHeader")
    public record HeaderJson(String name, String value) {
        public static HeaderJson of(MessageHeader h) {
            return new HeaderJson(h.name(), h.value());
        }
    }

    /** A part that is not a body; its id is stable for this message (the IMAP section path). */
    @Schema(name = "Attachment")
    public record AttachmentJson(
            @Schema(description = "IMAP section path such as 2 or 1.3; stable for this message") String id,
            @Schema(description = "Decoded file name (RFC 2231 and RFC 2047)") String filename,
            String contentType,
            @Schema(description = "Approximate decoded size in bytes") long size,
            @Schema(description = "Part of the HTML body (multipart/related or Content-Disposition: inline)")
            boolean inline,
            @Schema(nullable = true, description = "Content-ID without angle brackets, for cid: URLs")
            String contentId) {
        public static AttachmentJson of(AttachmentPart a) {
            return new AttachmentJson(a.id(), a.filename(), a.contentType(), a.size(), a.inline(), a.contentId());
        }
    }

    public static MessageDetailJson of(StoredMessage stored, MessageContent content) {
        MessageSummary m = stored.summary();
        return new MessageDetailJson(m.id(), m.folderId(),
                content.subject() != null ? content.subject() : m.subject(),
                AddressJson.of(content.from() != null ? content.from() : m.from()),
                AddressJson.of(content.to().isEmpty() ? m.to() : content.to()),
                AddressJson.of(content.cc().isEmpty() ? stored.cc() : content.cc()),
                content.sentAt() != null ? content.sentAt() : m.date(), m.receivedAt(),
                m.seen(), m.flagged(), m.answered(), m.draft(), m.keywords().stream().sorted().toList(),
                m.size(), m.hasAttachments() || !content.attachments().stream().allMatch(AttachmentPart::inline),
                m.preview(),
                content.headers().stream().map(HeaderJson::of).toList(),
                content.text() == null ? null : content.text().content(),
                content.text() != null && content.text().truncated(),
                content.html() == null ? null : content.html().content(),
                content.html() != null && content.html().truncated(),
                content.attachments().stream().map(AttachmentJson::of).toList());
    }
}
