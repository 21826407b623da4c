package io.mailsync.gateway.mailbox;

/**
 * A part of a message that is not shown as its body. The id is the part's IMAP section path
 * ({@code "2"}, {@code "1.3"}): stable for a given message. {@code size} is approximate (the
 * encoded size, reduced for base64). {@code inline} parts (e.g. images of an HTML body) carry
 * their {@code contentId}.
 */
public record AttachmentPart(String id, String filename, String contentType, long size, boolean inline,
                             String contentId) {
}
