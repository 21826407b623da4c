package io.mailsync.gateway.api.messages;

import java.nio.charset.StandardCharsets;

/**
 * Builds {@code Content-Disposition: attachment} headers that every browser and HTTP client reads
 * safely: an ASCII {@code filename} fallback and the exact name as {@code filename*} (RFC 6266,
 * RFC 5987). Path separators, quotes and control characters never pass.
 */
final class ContentDisposition {
    private static final int MAX_NAME = 200;
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    static String attachment(String filename) {
        String name = clean(filename);
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** The last path segment, without control characters, bounded, never empty or dot-only. */
    static String clean(String filename) {
        String name = filename == null ? "" : filename;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder out = new StringBuilder();
        name.codePoints().filter(cp -> !Character.isISOControl(cp) && cp != 0x2028 && cp != 0x2029)
                .forEach(out::appendCodePoint);
        name = out.toString().strip();
        if (name.length() > MAX_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, Math.min(MAX_NAME, name.codePointCount(0, MAX_NAME))));
        }
        return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "download" : name;
    }
}
