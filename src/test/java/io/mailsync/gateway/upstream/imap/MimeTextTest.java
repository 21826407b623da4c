package io.mailsync.gateway.upstream.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeTextTest {

    @Test
    void japaneseCharsetsAreReadAsMailProgramsReadThem() {
        String text = "①～髙橋";
        assertEquals(text, MimeText.decode(text.getBytes(Charset.forName("windows-31j")), "Shift_JIS"));
        assertEquals(text, MimeText.decode(text.getBytes(Charset.forName("x-windows-iso2022jp")), "iso-2022-jp"));
        assertEquals("東京", MimeText.decode("東京".getBytes(Charset.forName("EUC-JP")), "euc-jp"));
    }

    @Test
    void unlabelledOrMislabelledBodiesAreSniffed() {
        assertEquals("日本語", MimeText.decode("日本語".getBytes(Charset.forName("ISO-2022-JP")), null));
        assertEquals("naïve", MimeText.decode("naïve".getBytes(StandardCharsets.UTF_8), "us-ascii"));
        assertEquals("naïve", MimeText.decode("naïve".getBytes(StandardCharsets.ISO_8859_1), null));
        assertEquals("plain", MimeText.decode("plain".getBytes(StandardCharsets.US_ASCII), "x-unknown-charset"));
    }

    @Test
    void headersDecodeEncodedWordsAndRawBytes() throws Exception {
        String folded = jakarta.mail.internet.MimeUtility.encodeText("会議", "ISO-2022-JP", "B") + "\r\n "
                + jakarta.mail.internet.MimeUtility.encodeText(" のお知らせ", "UTF-8", "B");
        assertEquals("会議 のお知らせ", MimeText.header(folded));
        assertEquals("Re: 東京", MimeText.header("Re: =?UTF-8?Q?=E6=9D=B1=E4=BA=AC?="));
        String rawJis = new String("東京".getBytes(Charset.forName("ISO-2022-JP")), StandardCharsets.ISO_8859_1);
        assertEquals("東京", MimeText.header(rawJis));
        String rawUtf8 = new String("東京".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("東京", MimeText.header(rawUtf8));
        assertEquals("café", MimeText.header("café"));
        assertEquals("=?x-unknown?B?AAAA?=", MimeText.header("=?x-unknown?B?AAAA?="));
    }
}
