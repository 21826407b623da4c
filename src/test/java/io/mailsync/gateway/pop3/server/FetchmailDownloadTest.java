package io.mailsync.gateway.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.pop3.MaildropMessage;
import io.mailsync.gateway.pop3.PopFixture;
import io.mailsync.gateway.pop3.PopMaildrops;
import io.mailsync.gateway.pop3.RegisteredTestDevices;
import io.mailsync.gateway.pop3.ServerPolicy;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A real POP3 client, fetchmail (Debian package), downloads a POP device's maildrop through the listener. */
@QuarkusTest
class FetchmailDownloadTest {

    private static final Path FETCHMAIL = Path.of("/usr/bin/fetchmail");

    @Inject
    Pop3Listener listener;
    @Inject
    PopFixture fixture;
    @Inject
    RegisteredTestDevices devices;
    @Inject
    PopMaildrops maildrops;

    @Test
    void fetchmailDownloadsTheDevicesMaildropAndItsDeletesStayOnTheDevice() throws Exception {
        assertTrue(Files.isExecutable(FETCHMAIL), "fetchmail is required: apt-get install fetchmail (.ci/run does)");
        try (GreenMailUpstream upstream = new GreenMailUpstream("pop-fetchmail-" + UUID.randomUUID().toString().substring(0, 8))) {
            upstream.append("INBOX", PopFixture.message("Fetched one", "plain body\r\n"));
            upstream.append("INBOX", PopFixture.message("Fetched dotted", PopFixture.DOTTED_BODY));
            upstream.append("INBOX", PopFixture.message("Fetched three", "third body\r\n"));
            UUID account = fixture.mirroredAccount(upstream, 3);
            RegisteredTestDevices.Registered device = devices.registerPop(account, "desktop", ServerPolicy.KEEP);

            Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "fetchmail");
            Path saved = Files.createDirectory(home.resolve("saved"));
            Path deliver = home.resolve("deliver.sh");
            Files.writeString(deliver, "#!/bin/sh\ncat > \"$(mktemp " + saved + "/msg.XXXXXX)\"\n");
            deliver.toFile().setExecutable(true);
            Path rc = home.resolve("fetchmailrc");
            Files.writeString(rc, "set no syslog\n"
                    + "poll 127.0.0.1 protocol pop3 port " + listener.port() + " uidl auth password timeout 30\n"
                    + "  user \"" + device.id() + "\" there with password \"" + device.token() + "\"\n"
                    + "  sslproto '' mda \"" + deliver + "\"\n");
            Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));

            ProcessBuilder pb = new ProcessBuilder(FETCHMAIL.toString(), "-f", rc.toString(), "-N", "-v", "--nosyslog")
                    .redirectErrorStream(true).redirectOutput(home.resolve("fetchmail.log").toFile());
            pb.environment().put("HOME", home.toString());
            pb.environment().put("FETCHMAILHOME", home.toString());
            Process process = pb.start();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "fetchmail finished");
            String log = Files.readString(home.resolve("fetchmail.log"));
            assertEquals(0, process.exitValue(), log);

            List<String> messages = new ArrayList<>();
            try (Stream<Path> files = Files.list(saved)) {
                for (Path p : files.toList()) {
                    messages.add(Files.readString(p, StandardCharsets.US_ASCII).replace("\r\n", "\n"));
                }
            }
            assertEquals(3, messages.size(), log);
            String dotted = messages.stream().filter(m -> m.contains("Subject: Fetched dotted")).findFirst()
                    .orElseThrow(() -> new AssertionError("the dotted message was saved: " + messages));
            assertTrue(dotted.contains("\nfirst line\n.starts with a dot\n..two dots\n.\nlast line\n"),
                    "fetchmail saved the lines un-stuffed: " + dotted);
            assertTrue(messages.stream().anyMatch(m -> m.contains("Subject: Fetched one") && m.contains("plain body")));

            // fetchmail deleted what it fetched: gone from this device's maildrop, still on the server
            assertEquals(0, maildrops.messages(device.id()).size());
            assertEquals(3, maildrops.allOfAccount(account).stream().filter(MaildropMessage::downloaded).count());
            assertEquals(3, fixture.inboxTotal(account));
            File[] left = saved.toFile().listFiles();
            assertEquals(3, left == null ? 0 : left.length);
        }
    }
}
