package io.mailsync.gateway.command;

import java.util.List;
import java.util.UUID;

/**
 * What a send did. The SMTP server accepted the message (else there is no result but a failure); then
 * the copy in Sent ({@code sentCopyId}, null when it is not mirrored yet), whether the server had filed it
 * itself, whether the draft was removed, and what went wrong after the message was accepted.
 */
public record SendResult(String messageIdHeader, UUID sentCopyId, boolean filedInSent, boolean filedByServer,
                         boolean draftRemoved, List<String> warnings) {
    public SendResult {
        warnings = List.copyOf(warnings);
    }
}
