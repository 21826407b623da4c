package io.mailsync.gateway.bench;

import static io.mailsync.gateway.bench.BenchReport.median;
import static io.mailsync.gateway.bench.BenchReport.millis;
import static io.mailsync.gateway.bench.BenchReport.ms;
import static io.mailsync.gateway.bench.BenchReport.ratio;
import static io.mailsync.gateway.bench.BenchReport.verdict;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.store.ChangeLogEntry;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.AccountRegistration;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * P1: initial metadata sync of a 10,000-message Dovecot INBOX through the real engine into PostgreSQL,
 * against a raw Angus Mail {@code UID FETCH 1:* (UID FLAGS ENVELOPE)} of the same kind of mailbox in
 * the same run. Never part of the test suite: run with bench/run.sh p1.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class InitialSyncBenchmark {

    private static final String PASSWORD = "bench-p1-secret";
    private static final int MESSAGES = Integer.getInteger("bench.p1.messages", 10_000);
    private static final int REPETITIONS = Integer.getInteger("bench.p1.repetitions", 3);
    private static final double TARGET_RATIO = 3.0;
    private static final int BATCH = 500;

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orFail();

    @Inject
    SyncFixture fixture;

    @Test
    void initialSyncAgainstRawFetch() throws Exception {
        BenchReport report = new BenchReport("p1", "initial metadata sync, " + MESSAGES + " messages");
        // one warm-up round, not reported: JIT, connection pool, Hibernate's first statements
        round(2_000, null);
        List<double[]> rounds = new ArrayList<>();
        for (int i = 0; i < REPETITIONS; i++) {
            rounds.add(round(MESSAGES, report));
            report.sampleLoad("after round " + (i + 1));
        }
        double rawCold = median(column(rounds, 0));
        double rawWarm = median(column(rounds, 1));
        double gatewayCold = median(column(rounds, 2));
        double gatewayWarm = median(column(rounds, 3));
        double rawGatewayItems = median(column(rounds, 4));

        report.blank();
        report.line("| round | raw fetch, first | raw fetch, repeat | gateway, fresh mailbox | gateway, mailbox fetched before"
                + " | (gateway's fetch items in batches of 500, raw, repeat) |");
        report.line("|---|---|---|---|---|---|");
        for (int i = 0; i < rounds.size(); i++) {
            double[] r = rounds.get(i);
            report.line("| " + (i + 1) + " | " + ms(r[0]) + " | " + ms(r[1]) + " | " + ms(r[2]) + " | " + ms(r[3]) + " | " + ms(r[4]) + " |");
        }
        report.line("| **median** | **" + ms(rawCold) + "** | **" + ms(rawWarm) + "** | **" + ms(gatewayCold)
                + "** | **" + ms(gatewayWarm) + "** | " + ms(rawGatewayItems) + " |");
        report.blank();
        double coldRatio = gatewayCold / rawCold;
        double warmRatio = gatewayWarm / rawWarm;
        report.line("- ratio on a fresh mailbox (gateway / raw first fetch): " + ratio(coldRatio)
                + ", target ≤ " + ratio(TARGET_RATIO) + ": " + verdict(coldRatio <= TARGET_RATIO));
        report.line("- ratio on a mailbox Dovecot has cached (gateway / raw repeat fetch): " + ratio(warmRatio)
                + ", target ≤ " + ratio(TARGET_RATIO) + ": " + verdict(warmRatio <= TARGET_RATIO));
        report.line("- throughput of the gateway on a fresh mailbox: "
                + String.format(java.util.Locale.ROOT, "%.0f", MESSAGES / (gatewayCold / 1000)) + " messages/s");
        report.blank();
        report.line("Raw fetch: connect, LOGIN, SELECT INBOX, `UID FETCH 1:* (UID FLAGS ENVELOPE)` on a raw Angus"
                + " protocol command (no message objects), LOGOUT. Gateway: `POST /api/v1/accounts` (which verifies"
                + " the login upstream) until INBOX's sync point is stored with no initial-sync resume point left;"
                + " the engine fetches `(UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE BODYSTRUCTURE)` newest first in"
                + " batches of 500 and commits each batch with its change-log entries. Each round uses two fresh"
                + " Dovecot users loaded with the same " + MESSAGES + " messages: one is fetched raw twice, then"
                + " registered (\"fetched before\"); the other is registered untouched (\"fresh\").");
        report.write();
    }

    private static double[] column(List<double[]> rows, int index) {
        return rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    /** Raw first, raw repeat, gateway fresh, gateway after raw; in ms. */
    private double[] round(int messages, BenchReport report) throws Exception {
        String fetched = newUser(messages);
        String fresh = newUser(messages);
        double rawCold = rawFetch(fetched, messages);
        double rawWarm = rawFetch(fetched, messages);
        double rawGatewayItems = rawBatchedFetch(fetched, messages);
        double gatewayCold = gatewaySync(fresh, messages);
        double gatewayWarm = gatewaySync(fetched, messages);
        return new double[] {rawCold, rawWarm, gatewayCold, gatewayWarm, rawGatewayItems};
    }

    /** The IMAP part of the gateway's work alone: its fetch items, newest first, 500 UIDs per command. */
    private static double rawBatchedFetch(String user, int expected) throws Exception {
        long start = System.nanoTime();
        int fetched = 0;
        try (Store store = dovecot.server().imapStore(user, PASSWORD)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            long uidNext = inbox.getUIDNext();
            for (long high = uidNext - 1; high >= 1; high -= BATCH) {
                String set = Math.max(1, high - BATCH + 1) + ":" + high;
                fetched += (Integer) inbox.doCommand(p -> {
                    Response[] responses = p.command("UID FETCH " + set
                            + " (UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE BODYSTRUCTURE)", null);
                    int count = 0;
                    for (Response response : responses) {
                        if (response instanceof FetchResponse) {
                            count++;
                        }
                    }
                    p.handleResult(responses[responses.length - 1]);
                    return count;
                });
            }
            inbox.close(false);
        }
        long elapsed = System.nanoTime() - start;
        assertEquals(expected, fetched, "batched raw fetch saw every message");
        return millis(elapsed);
    }

    private static String newUser(int messages) {
        String user = "p1-" + UUID.randomUUID().toString().substring(0, 8);
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(messages));
        return user;
    }

    private static double rawFetch(String user, int expected) throws Exception {
        long start = System.nanoTime();
        int fetched;
        try (Store store = dovecot.server().imapStore(user, PASSWORD)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            fetched = (Integer) inbox.doCommand(p -> {
                Response[] responses = p.command("UID FETCH 1:* (UID FLAGS ENVELOPE)", null);
                int count = 0;
                for (Response response : responses) {
                    if (response instanceof FetchResponse) {
                        count++;
                    }
                }
                p.handleResult(responses[responses.length - 1]);
                return count;
            });
            inbox.close(false);
        }
        long elapsed = System.nanoTime() - start;
        assertEquals(expected, fetched, "raw fetch saw every message");
        return millis(elapsed);
    }

    private double gatewaySync(String user, int expected) {
        AccountRegistration registration = AccountRegistration.of(user, PASSWORD).email(user + "@example.com")
                .imap(dovecot.server().imapPort());
        Instant start = Instant.now();
        UUID accountId = registration.register();
        // polled slowly so as not to load the database being measured; the end is the time the last
        // batch wrote its change-log entries, in the transaction that also stored the sync point
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> inboxComplete(accountId));
        assertEquals(expected, fixture.messageCount(accountId), "the mirror holds every message");
        Instant end = QuarkusTransaction.requiringNew().call(() -> ChangeLogEntry.find(
                "key.accountId = ?1 and type = 'message.created' order by key.seq desc", accountId)
                .<ChangeLogEntry>firstResult().createdAt);
        return millis(Duration.between(start, end).toNanos());
    }

    private static boolean inboxComplete(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<FolderEntity> inbox = FolderEntity.list("accountId = ?1 and path = 'INBOX'", accountId);
            return !inbox.isEmpty() && inbox.get(0).uidValidity != null && inbox.get(0).highestModseq != null
                    && inbox.get(0).initialSyncBelow == null;
        });
    }
}
