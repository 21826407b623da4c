package io.mailsync.gateway.api.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void nonAsciiNamesGetAnAsciiFallbackAndAnRfc5987Name() {
        assertEquals("attachment; filename=\"___.pdf\"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8.pdf",
                ContentDisposition.attachment("見積書.pdf"));
        assertEquals("attachment; filename=\"report 1.pdf\"; filename*=UTF-8''report%201.pdf",
                ContentDisposition.attachment("report 1.pdf"));
    }

    @Test
    void quotesPathsAndControlCharactersNeverPass() {
        assertEquals("attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%22b.txt",
                ContentDisposition.attachment("a\"b.txt"));
        assertEquals("attachment; filename=\"passwd\"; filename*=UTF-8''passwd",
                ContentDisposition.attachment("../../etc/passwd"));
        assertEquals("attachment; filename=\"x.txtSet-Cookie: a\"; filename*=UTF-8''x.txtSet-Cookie%3A%20a",
                ContentDisposition.attachment("x.txt\r\nSet-Cookie: a"));
        assertEquals("attachment; filename=\"evil.exe\"; filename*=UTF-8''evil.exe",
                ContentDisposition.attachment("C:\\Users\\evil.exe"));
        assertEquals("attachment; filename=\"100_\"; filename*=UTF-8''100%25",
                ContentDisposition.attachment("100%"));
    }

    @Test
    void emptyOrDotNamesBecomeDownload() {
        assertEquals("download", ContentDisposition.clean(null));
        assertEquals("download", ContentDisposition.clean(" "));
        assertEquals("download", ContentDisposition.clean(".."));
        assertEquals(200, ContentDisposition.clean("x".repeat(500)).length());
    }
}
