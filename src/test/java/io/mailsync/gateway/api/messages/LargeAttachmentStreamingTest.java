package io.mailsync.gateway.api.messages;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.interop.DovecotServer;
import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.testing.MailSamples;
import io.mailsync.gateway.testing.MirrorFixture;
import io.mailsync.gateway.testing.MirrorOnlyProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 25 MB attachment streams through the gateway: while a slow client has read only the start of
 * it, the gateway's heap holds a few buffers, not the attachment. A gateway that loaded the
 * attachment (25 MB, or 34 MB of base64) would keep it live until the client had read it all.
 *
 * <p>The upstream is a private Dovecot, outside this JVM: the heap measured is the gateway's (and the
 * test's) alone. An in-JVM GreenMail builds the whole 34 MB part again for every 256 KiB partial FETCH,
 * so while the gateway was still filling the socket buffers after the client paused, GreenMail's copies
 * were live at nearly every measurement; on a loaded machine that lasted longer than the wait, and each
 * chunk came close to the upstream timeout.
 */
@QuarkusTest
@TestProfile(MirrorOnlyProfile.class)
class LargeAttachmentStreamingTest {

    private static final Logger LOG = Logger.getLogger(LargeAttachmentStreamingTest.class);
    private static final int SIZE = 25 * 1024 * 1024;
    private static final long MAX_GROWTH = 15L * 1024 * 1024;
    private static final int READ_BEFORE_PAUSE = 2 * 1024 * 1024;
    private static final String PASSWORD = "stream-secret";

    @Inject
    MirrorFixture mirror;

    @TestHTTPResource("/")
    URL root;

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orSkip();

    @Test
    void aLargeAttachmentStreamsWithoutBeingHeldInHeap() throws Exception {
        String user = "stream-" + UUID.randomUUID().toString().substring(0, 8) + "@mailsync.test";
        Prepared prepared = prepare(user);
        byte[] expectedDigest = prepared.digest();
        String attachmentUrl = prepared.url();

        // a first full download warms up everything that is loaded once (classes, the read connection)
        assertArrayEquals(expectedDigest, download(attachmentUrl, null));

        long baseline = usedHeapAfterGc();
        AtomicLong growth = new AtomicLong();
        byte[] digest = download(attachmentUrl, () -> await("heap growth while the download is paused")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    growth.set(usedHeapAfterGc() - baseline);
                    return growth.get() < MAX_GROWTH;
                }));
        LOG.infof("heap growth with a %d MiB download half-way: %d KiB (baseline %d MiB)", SIZE >> 20,
                growth.get() >> 10, baseline >> 20);
        assertArrayEquals(expectedDigest, digest, "the attachment arrived intact");
    }

    /** The attachment's digest and URL; the test's own copies of the bytes are gone when this returns. */
    record Prepared(byte[] digest, String url) {
    }

    private Prepared prepare(String user) throws Exception {
        byte[] content = new byte[SIZE];
        new Random(25).nextBytes(content);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
        ByteArrayOutputStream raw = new ByteArrayOutputStream(SIZE * 4 / 3 + 100_000);
        MailSamples.writeWithAttachment(raw, content, "big.bin");
        dovecot.server().addUser(user, PASSWORD);
        DovecotServer.AppendedMessages appended =
                dovecot.server().appendMessages(user, "INBOX", List.of(raw.toByteArray()));
        UUID account = mirror.account(dovecot.server().host(), dovecot.server().imapPort(), user, PASSWORD);
        UUID folder = mirror.folder(account, "INBOX", "inbox", appended.uidValidity());
        long size = raw.size();
        UUID message = mirror.message(account, folder, appended.uids().get(0), Instant.now(), m -> {
            m.size = size;
            m.hasAttachments = true;
        });
        return new Prepared(digest, root + "api/v1/accounts/" + account + "/messages/" + message + "/attachments/2");
    }

    /** Downloads and hashes the body; after the first 2 MiB runs {@code paused} before reading on. */
    private static byte[] download(String url, Runnable paused) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setRequestProperty("Authorization", "Bearer test-operator-token");
        connection.setReadTimeout(120_000);
        assertEquals(200, connection.getResponseCode());
        assertEquals("application/octet-stream", connection.getContentType());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = connection.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            boolean pausedOnce = false;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
                total += n;
                if (!pausedOnce && paused != null && total >= READ_BEFORE_PAUSE) {
                    pausedOnce = true;
                    paused.run();
                }
            }
        }
        assertEquals(SIZE, total, "bytes received");
        return sha.digest();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
