package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.command.SendResult;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a send. */
@Schema(name = "SendResult", description = """
        The SMTP server accepted the message. sentMessageId is the copy in Sent (null until mirrored), \
        filedByServer tells whether the server had filed it itself; warnings say what failed after the \
        message went out (it is never sent again on a retry with the same Idempotency-Key).""")
public record SendResultJson(
        @Schema(nullable = true) String messageIdHeader,
        @Schema(nullable = true) UUID sentMessageId,
        boolean filedInSent,
        boolean filedByServer,
        boolean draftRemoved,
        List<String> warnings) {

    static SendResultJson of(SendResult r) {
        return new SendResultJson(r.messageIdHeader(), r.sentCopyId(), r.filedInSent(), r.filedByServer(),
                r.draftRemoved(), r.warnings());
    }
}
