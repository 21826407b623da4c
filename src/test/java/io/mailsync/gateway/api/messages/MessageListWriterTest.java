package io.mailsync.gateway.api.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The page writer gives exactly the bytes the application's generic JSON writer gives for the same page. */
@QuarkusTest
class MessageListWriterTest {

    @Inject
    ObjectMapper mapper;

    private String streamed(MessageList list) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            MessageListWriter.write(list, g);
        }
        return out.toString();
    }

    @Test
    void pageWithEveryKindOfValueIsWrittenAsTheGenericWriterWritesIt() throws Exception {
        MessageSummaryJson full = new MessageSummaryJson(UUID.randomUUID(), UUID.randomUUID(),
                "Re: 会議の件 \"quoted\" \\ tab\t end", new AddressJson("山田 太郎", "taro@example.jp"),
                List.of(new AddressJson(null, "a@example.org"), new AddressJson("B \u2028 line", "b@example.org")),
                Instant.parse("2026-11-28T05:00:00.123456Z"), Instant.parse("2026-11-28T05:00:01Z"),
                true, false, true, false, List.of("$Forwarded", "work"), 123_456_789L, true,
                "preview with <html> & emoji \uD83D\uDCE7 and control \u0001");
        MessageSummaryJson bare = new MessageSummaryJson(UUID.randomUUID(), UUID.randomUUID(), null, null, List.of(),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("1999-12-31T23:59:59.999Z"), false, true,
                false, true, List.of(), 0L, false, null);
        for (MessageList list : List.of(new MessageList(List.of(full, bare), "AQID-cursor_x"),
                new MessageList(List.of(bare), null), new MessageList(List.of(), null))) {
            assertEquals(mapper.writeValueAsString(list), streamed(list));
        }
    }
}
