package io.mailsync.gateway.command;

import java.util.List;

/** What a device writes into a draft; the gateway adds From and Message-ID. */
public record DraftInput(List<String> to, List<String> cc, List<String> bcc, String subject, String textBody,
                         String htmlBody, String inReplyTo) {
}
