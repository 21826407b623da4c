package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.mailbox.MessageSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message in a list: DESIGN.md section 3. */
@Schema(name = "MessageSummary", description = """
        A mirrored message. Its id is stable for the life of the message in its folder; a move made \
        through the gateway keeps it (message.moved), a move seen upstream yields a new id (destroyed \
        in the old folder, created in the new one); a UIDVALIDITY change replaces every id of that \
        folder (one folder.reset change). For a device in POP3 mode it is a message of that device's own \
        maildrop: the id is the device's own, seen, flagged and folderId are its own state, to is empty, \
        answered, draft and hasAttachments are false, keywords is empty, preview is null and date is the \
        arrival time (the detail, read from the message itself, fills them).""")
public record MessageSummaryJson(
        UUID id,
        UUID folderId,
        @Schema(nullable = true) String subject,
        @Schema(nullable = true) AddressJson from,
        List<AddressJson> to,
        @Schema(description = "The Date header, or the arrival time when the message has none") Instant date,
        @Schema(description = "When the message arrived in its folder (INTERNALDATE); lists are ordered by it")
        Instant receivedAt,
        boolean seen,
        boolean flagged,
        boolean answered,
        boolean draft,
        @Schema(description = "IMAP keywords, sorted") List<String> keywords,
        @Schema(description = "Size of the whole message in bytes (RFC822.SIZE)") long size,
        boolean hasAttachments,
        @Schema(nullable = true, description = "Start of the text body, when the mirror has it") String preview) {

    public static MessageSummaryJson of(MessageSummary m) {
        return new MessageSummaryJson(m.id(), m.folderId(), m.subject(), AddressJson.of(m.from()),
                AddressJson.of(m.to()), m.date(), m.receivedAt(), m.seen(), m.flagged(), m.answered(), m.draft(),
                m.keywords().stream().sorted().toList(), m.size(), m.hasAttachments(), m.preview());
    }
}
