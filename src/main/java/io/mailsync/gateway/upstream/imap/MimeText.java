package io.mailsync.gateway.upstream.imap;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the text of real-world mail: RFC 2047 encoded words, raw ISO-2022-JP and UTF-8 in
 * headers, and body charsets read the way mail programs read them (Shift_JIS as Windows-31J,
 * ISO-2022-JP with the Windows extensions, as the WHATWG Encoding Standard does).
 */
final class MimeText {

    /** MIME charset labels whose everyday meaning is a superset Java knows under another name. */
    private static final Map<String, String> SUPERSETS = Map.ofEntries(
            Map.entry("shift_jis", "windows-31j"), Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"), Map.entry("x-sjis", "windows-31j"),
            Map.entry("ms_kanji", "windows-31j"), Map.entry("csshiftjis", "windows-31j"),
            Map.entry("cp932", "windows-31j"), Map.entry("ms932", "windows-31j"),
            Map.entry("iso-2022-jp", "x-windows-iso2022jp"), Map.entry("csiso2022jp", "x-windows-iso2022jp"),
            Map.entry("euc-jp", "EUC-JP"), Map.entry("x-euc-jp", "EUC-JP"),
            Map.entry("gb2312", "GBK"), Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("euc-kr", "x-windows-949"), Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("us-ascii", "windows-1252"), Map.entry("ascii", "windows-1252"));

    private MimeText() {
    }

    /** The charset to decode a body labelled {@code label} with; null when the label is missing or unknown. */
    static Charset charset(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String key = label.strip().toLowerCase(Locale.ROOT);
        String name = SUPERSETS.getOrDefault(key, MimeUtility.javaCharset(label.strip()));
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decodes body bytes: with the labelled charset, else by sniffing ISO-2022-JP and UTF-8. */
    static String decode(byte[] bytes, String label) {
        Charset charset = charset(label);
        if (charset == null || (charset.name().equals("windows-1252") && isUtf8(bytes))) {
            // unlabelled, or labelled ASCII but really UTF-8: a common mislabel
            charset = sniff(bytes);
        }
        return new String(bytes, charset);
    }

    private static Charset sniff(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == 0x1b && bytes[i + 1] == '$' && (bytes[i + 2] == 'B' || bytes[i + 2] == '@')) {
                return Charset.forName("x-windows-iso2022jp");
            }
        }
        return isUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * A header value as people should read it: unfolded, encoded words decoded, and raw bytes that
     * a non-conforming mailer put there (ISO-2022-JP escapes, UTF-8) decoded too.
     */
    static String header(String raw) {
        if (raw == null) {
            return null;
        }
        String value = MimeUtility.unfold(raw);
        if (value.contains("=?")) {
            try {
                value = MimeUtility.decodeText(value);
            } catch (UnsupportedEncodingException | RuntimeException e) {
                // an unknown charset in an encoded word: show it as written
            }
        }
        return rawBytes(value).strip();
    }

    /** Reinterprets text that holds undecoded bytes (every char ≤ 0xFF) as ISO-2022-JP or UTF-8. */
    static String rawBytes(String value) {
        if (value == null) {
            return null;
        }
        boolean escape = false;
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value;
            }
            escape |= c == 0x1b;
            high |= c >= 0x80;
        }
        if (!escape && !high) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (escape && !high) {
            return new String(bytes, Charset.forName("x-windows-iso2022jp"));
        }
        return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : value;
    }
}
