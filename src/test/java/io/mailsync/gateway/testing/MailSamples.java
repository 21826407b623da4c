package io.mailsync.gateway.testing;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Real-shaped messages as Japanese and Western mail programs send them, byte for byte: encoded
 * words, ISO-2022-JP, Shift_JIS, EUC-JP, quoted-printable, base64, RFC 2231 file names.
 */
public final class MailSamples {

    public static final String ISO2022JP_SUBJECT = "会議のお知らせ（第2回）";
    public static final String ISO2022JP_BODY = "明日の会議は10時からです。\r\n①資料をご準備ください。\r\n";
    public static final String SJIS_BODY = "お世話になっております。～ｶﾀｶﾅ①\r\n";
    public static final String EUCJP_BODY = "東京都千代田区丸の内一丁目\r\n";
    public static final String HTML_BODY = "<html><body><p>こんにちは <b>世界</b> = 1 &amp; naïve café "
            + "a long line that must be soft-broken by quoted-printable encoding because it goes on and on</p>"
            + "</body></html>";
    public static final String PLAIN_ALTERNATIVE = "Bonjour, voici le résumé 😀\r\n";
    public static final String PDF_NAME_2231 = "見積書 2026年度.pdf";
    public static final String PDF_NAME_2047 = "請求書.pdf";
    public static final byte[] PDF = pdfBytes();

    private MailSamples() {
    }

    static byte[] pdfBytes() {
        byte[] bytes = new byte[10_000];
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    public static byte[] iso2022jpPlain() {
        return new Raw()
                .header("From: " + word("山田 太郎", "ISO-2022-JP", "B") + " <yamada@example.jp>")
                .header("To: " + word("佐藤 花子", "ISO-2022-JP", "B") + " <hanako@example.jp>")
                .header("Subject: " + word("会議のお知らせ", "ISO-2022-JP", "B") + "\r\n "
                        + word("（第2回）", "ISO-2022-JP", "B"))
                .header("Date: Mon, 05 Jan 2026 10:00:00 +0900")
                .header("Message-ID: <iso2022jp@example.jp>")
                .header("MIME-Version: 1.0")
                .header("Content-Type: text/plain; charset=ISO-2022-JP")
                .header("Content-Transfer-Encoding: 7bit")
                .body(ISO2022JP_BODY.getBytes(Charset.forName("x-windows-iso2022jp")))
                .bytes();
    }

    public static byte[] shiftJis8bit() {
        return new Raw()
                .header("From: " + word("鈴木 一郎", "UTF-8", "B") + " <suzuki@example.jp>")
                .header("To: hanako@example.jp")
                .header("Subject: " + word("お見積りの件", "UTF-8", "Q"))
                .header("Date: Tue, 06 Jan 2026 11:00:00 +0900")
                .header("MIME-Version: 1.0")
                .header("Content-Type: text/plain; charset=Shift_JIS")
                .header("Content-Transfer-Encoding: 8bit")
                .body(SJIS_BODY.getBytes(Charset.forName("windows-31j")))
                .bytes();
    }

    public static byte[] shiftJisBase64() {
        return new Raw()
                .header("From: =?UTF-8?Q?Fran=C3=A7ois_M=C3=BCller?= <francois@example.fr>")
                .header("To: hanako@example.jp")
                .header("Subject: =?Shift_JIS?B?" + Base64.getEncoder().encodeToString(
                        "ご確認ください".getBytes(Charset.forName("windows-31j"))) + "?=")
                .header("MIME-Version: 1.0")
                .header("Content-Type: text/plain; charset=\"shift_jis\"")
                .header("Content-Transfer-Encoding: base64")
                .body(base64Lines(SJIS_BODY.getBytes(Charset.forName("windows-31j"))))
                .bytes();
    }

    public static byte[] eucJp() {
        return new Raw()
                .header("From: tanaka@example.jp")
                .header("To: hanako@example.jp")
                .header("Subject: =?EUC-JP?B?" + Base64.getEncoder().encodeToString(
                        "住所".getBytes(Charset.forName("EUC-JP"))) + "?=")
                .header("MIME-Version: 1.0")
                .header("Content-Type: text/plain; charset=EUC-JP")
                .header("Content-Transfer-Encoding: 8bit")
                .body(EUCJP_BODY.getBytes(Charset.forName("EUC-JP")))
                .bytes();
    }

    public static byte[] quotedPrintableHtml() {
        return new Raw()
                .header("From: news@example.com")
                .header("To: hanako@example.jp")
                .header("Subject: HTML only")
                .header("MIME-Version: 1.0")
                .header("Content-Type: text/html; charset=UTF-8")
                .header("Content-Transfer-Encoding: quoted-printable")
                .body(quotedPrintable(HTML_BODY))
                .bytes();
    }

    /** mixed [ related [ alternative [ text, html ], image ], pdf (RFC 2231 name), pdf (RFC 2047 name) ]. */
    public static byte[] mixedWithAttachments() {
        String nameRfc2231 = percent(PDF_NAME_2231);
        int cut = nameRfc2231.indexOf("%E5%B9%B4");
        return new Raw()
                .header("From: " + word("経理部", "ISO-2022-JP", "B") + " <keiri@example.jp>")
                .header("To: hanako@example.jp, =?UTF-8?B?" + Base64.getEncoder().encodeToString(
                        "José".getBytes(StandardCharsets.UTF_8)) + "?= <jose@example.es>")
                .header("Cc: " + word("部長", "UTF-8", "B") + " <bucho@example.jp>")
                .header("Subject: " + word("見積書と請求書の送付", "ISO-2022-JP", "B"))
                .header("Date: Wed, 07 Jan 2026 09:30:00 +0900")
                .header("MIME-Version: 1.0")
                .header("Content-Type: multipart/mixed; boundary=\"outer\"")
                .body(lines(
                        "This is a multi-part message in MIME format.",
                        "--outer",
                        "Content-Type: multipart/related; boundary=\"rel\"; type=\"multipart/alternative\"",
                        "",
                        "--rel",
                        "Content-Type: multipart/alternative; boundary=\"alt\"",
                        "",
                        "--alt",
                        "Content-Type: text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding: base64",
                        "",
                        new String(base64Lines(PLAIN_ALTERNATIVE.getBytes(StandardCharsets.UTF_8)),
                                StandardCharsets.US_ASCII).strip(),
                        "--alt",
                        "Content-Type: text/html; charset=UTF-8",
                        "Content-Transfer-Encoding: quoted-printable",
                        "",
                        new String(quotedPrintable("<p>Bonjour, voici le résumé 😀 <img src=\"cid:logo@example\"></p>"),
                                StandardCharsets.US_ASCII),
                        "--alt--",
                        "--rel",
                        "Content-Type: image/png",
                        "Content-ID: <logo@example>",
                        "Content-Disposition: inline",
                        "Content-Transfer-Encoding: base64",
                        "",
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
                        "--rel--",
                        "--outer",
                        "Content-Type: application/pdf",
                        "Content-Disposition: attachment;",
                        " filename*0*=UTF-8''" + nameRfc2231.substring(0, cut) + ";",
                        " filename*1*=" + nameRfc2231.substring(cut),
                        "Content-Transfer-Encoding: base64",
                        "",
                        new String(base64Lines(PDF), StandardCharsets.US_ASCII).strip(),
                        "--outer",
                        "Content-Type: application/pdf; name=\"" + word(PDF_NAME_2047, "ISO-2022-JP", "B") + "\"",
                        "Content-Disposition: attachment; filename=\"" + word(PDF_NAME_2047, "ISO-2022-JP", "B") + "\"",
                        "Content-Transfer-Encoding: base64",
                        "",
                        new String(base64Lines(PDF), StandardCharsets.US_ASCII).strip(),
                        "--outer--",
                        ""))
                .bytes();
    }

    public static byte[] noTextPart() {
        return new Raw()
                .header("From: scanner@example.com")
                .header("To: hanako@example.jp")
                .header("Subject: Scan")
                .header("MIME-Version: 1.0")
                .header("Content-Type: multipart/mixed; boundary=\"b1\"")
                .body(lines(
                        "--b1",
                        "Content-Type: application/pdf; name=\"scan.pdf\"",
                        "Content-Transfer-Encoding: base64",
                        "",
                        new String(base64Lines(PDF), StandardCharsets.US_ASCII).strip(),
                        "--b1--",
                        ""))
                .bytes();
    }

    /** A message whose single attachment holds {@code content}, base64 in 76-character lines. */
    public static void writeWithAttachment(OutputStream out, byte[] content, String filename) throws IOException {
        out.write(new Raw()
                .header("From: big@example.com")
                .header("To: hanako@example.jp")
                .header("Subject: Big attachment")
                .header("MIME-Version: 1.0")
                .header("Content-Type: multipart/mixed; boundary=\"big\"")
                .body(lines("--big", "Content-Type: text/plain; charset=UTF-8", "", "See attached.", "--big",
                        "Content-Type: application/octet-stream",
                        "Content-Disposition: attachment; filename=\"" + filename + "\"",
                        "Content-Transfer-Encoding: base64", "", ""))
                .bytes());
        out.write(base64Lines(content));
        out.write("--big--\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    public static String word(String text, String charset, String encoding) {
        try {
            return MimeUtility.encodeText(text, charset, encoding);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] base64Lines(byte[] content) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encode(content).length == 0
                ? new byte[0]
                : (new String(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encode(content),
                StandardCharsets.US_ASCII) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] quotedPrintable(String text) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (OutputStream qp = MimeUtility.encode(buffer, "quoted-printable")) {
                qp.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return buffer.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String percent(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.') {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    static byte[] lines(String... lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /** Headers as ASCII lines, a blank line, then the body bytes exactly as given. */
    static final class Raw {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private boolean bodyStarted;

        Raw header(String line) {
            out.writeBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Raw body(byte[] body) {
            if (!bodyStarted) {
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                bodyStarted = true;
            }
            out.writeBytes(body);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
