package io.mailsync.gateway.api.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Message list pages as they were last sent, kept with the account's change sequence at the time: a page is sent
 * again while the sequence read from the database is the same, because every change to an account's mail moves it
 * on in the change's own transaction. Apps ask for the same first page over and over; answering them costs one
 * primary-key read instead of a page query and its JSON. Correct across replicas (the sequence is the database's),
 * bounded in memory by {@code mailsync.api.page-cache-bytes}.
 */
@ApplicationScoped
public class MessagePageCache {

    /** What a kept page costs beyond its bytes: the key, the entry and the cache's own bookkeeping. */
    private static final int ENTRY_OVERHEAD = 256;

    private record Key(UUID accountId, MessageQuery query) {
    }

    private record Page(long sequence, byte[] body) {
    }

    private final ObjectMapper json;
    private final Cache<Key, Page> pages;
    private final Counter hits;
    private final Counter misses;

    MessagePageCache(MailsyncConfig config, ObjectMapper json, MeterRegistry registry) {
        this.json = json;
        long bytes = config.api().pageCacheBytes();
        this.pages = bytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(bytes)
                .<Key, Page>weigher((key, page) -> page.body().length + ENTRY_OVERHEAD)
                .build();
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("mailsync.api.page.cache")
                .description("Message list pages answered from the page cache (hit) or from a page query (miss)")
                .tag("result", result)
                .register(registry);
    }

    /**
     * The JSON of one page of the account's messages at {@code sequence} (the account's change sequence, read
     * before this call): the kept one when it was made at that sequence, else {@code load}'s, which is then kept.
     * A change committed after the sequence was read can only make the page newer than its sequence, never older.
     */
    public byte[] page(UUID accountId, MessageQuery query, long sequence, Supplier<MessageList> load) {
        if (pages == null) {
            return MessageListWriter.bytes(json.getFactory(), load.get());
        }
        Key key = new Key(accountId, query);
        Page kept = pages.getIfPresent(key);
        if (kept != null && kept.sequence() == sequence) {
            hits.increment();
            return kept.body();
        }
        misses.increment();
        byte[] body = MessageListWriter.bytes(json.getFactory(), load.get());
        pages.asMap().merge(key, new Page(sequence, body),
                (old, now) -> old.sequence() > now.sequence() ? old : now);
        return body;
    }
}
