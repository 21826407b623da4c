package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.api.http.NoControlCharacters;
import io.mailsync.gateway.command.DraftInput;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A draft as a device writes it. */
@Schema(name = "Draft", description = """
        A draft. Addresses are "address" or "Name <address>"; subject, addresses and inReplyTo must not \
        contain line breaks. From is the account's address. Bodies up to 512 KiB each.""")
public record DraftRequest(
        @Size(max = 100) List<@NotBlank @Size(max = 320) @NoControlCharacters String> to,
        @Size(max = 100) List<@NotBlank @Size(max = 320) @NoControlCharacters String> cc,
        @Size(max = 100) List<@NotBlank @Size(max = 320) @NoControlCharacters String> bcc,
        @Size(max = 998) @NoControlCharacters String subject,
        @Size(max = 512 * 1024) String textBody,
        @Size(max = 512 * 1024) String htmlBody,
        @Schema(description = "Message-ID of the message this replies to, e.g. <id@host>")
        @Size(max = 998) @NoControlCharacters String inReplyTo) {

    DraftInput input() {
        return new DraftInput(to, cc, bcc, subject, textBody, htmlBody, inReplyTo);
    }
}
