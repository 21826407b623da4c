package io.mailsync.gateway.bench;

import static io.mailsync.gateway.bench.BenchReport.millis;
import static io.mailsync.gateway.bench.BenchReport.ms;
import static io.mailsync.gateway.bench.BenchReport.quantile;
import static io.mailsync.gateway.bench.BenchReport.ratio;
import static io.mailsync.gateway.bench.BenchReport.verdict;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.interop.PrivateDovecot;
import io.mailsync.gateway.interop.TestMessages;
import io.mailsync.gateway.sync.AccountSyncPass;
import io.mailsync.gateway.sync.FolderStatus;
import io.mailsync.gateway.sync.FolderSyncPlan;
import io.mailsync.gateway.sync.FolderSynchronizer;
import io.mailsync.gateway.sync.MailboxMirror;
import io.mailsync.gateway.sync.StoredFolder;
import io.mailsync.gateway.sync.SyncAccount;
import io.mailsync.gateway.sync.SyncAccounts;
import io.mailsync.gateway.sync.SyncEngine;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.sync.UpstreamConnector;
import io.mailsync.gateway.sync.UpstreamMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.ResyncData;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * P2: one sync of an unchanged folder at 10,000 and 100,000 messages, against the raw cost of a
 * STATUS plus a QRESYNC SELECT of the same folder with Angus Mail, interleaved in the same run.
 * Never part of the test suite: run with bench/run.sh p2.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class IncrementalSyncBenchmark {

    private static final String PASSWORD = "bench-p2-secret";
    private static final int[] SIZES = IntStream.of(Integer.getInteger("bench.p2.small", 10_000),
            Integer.getInteger("bench.p2.large", 100_000)).toArray();
    private static final int PASSES = Integer.getInteger("bench.p2.passes", 200);
    private static final int WARMUP = 30;
    private static final int BATCH = 500;
    private static final double TARGET_MS = 20;

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orFail();

    @Inject
    SyncFixture fixture;
    @Inject
    SyncEngine engine;
    @Inject
    SyncAccounts accounts;
    @Inject
    MailboxMirror mirror;
    @Inject
    UpstreamConnector connector;

    /** p50/p99 of one size, in ms: folder sync, account pass, raw STATUS + QRESYNC SELECT. */
    private record Figures(int size, double[] folder, double[] account, double[] raw, double[] rawStatus,
            double initialSyncMs) {
    }

    @Test
    void unchangedFolderAgainstStatusAndQresyncSelect() throws Exception {
        BenchReport report = new BenchReport("p2", "incremental sync of an unchanged folder");
        List<Figures> all = new ArrayList<>();
        for (int size : SIZES) {
            all.add(measure(size));
            report.sampleLoad("after " + size);
        }
        report.blank();
        report.line("| messages in INBOX | gateway, one folder p50 | p99 | raw STATUS + QRESYNC SELECT p50 | p99"
                + " | ratio p50 | raw STATUS alone p50 | p99 | gateway, whole account pass (5 folders) p50 | p99"
                + " | initial sync took |");
        report.line("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Figures f : all) {
            double p50 = quantile(f.folder, 0.5);
            double rawP50 = quantile(f.raw, 0.5);
            report.line("| " + String.format(Locale.ROOT, "%,d", f.size) + " | " + ms(p50) + " | "
                    + ms(quantile(f.folder, 0.99)) + " | " + ms(rawP50) + " | " + ms(quantile(f.raw, 0.99)) + " | "
                    + ratio(p50 / rawP50) + " | " + ms(quantile(f.rawStatus, 0.5)) + " | "
                    + ms(quantile(f.rawStatus, 0.99)) + " | " + ms(quantile(f.account, 0.5)) + " | "
                    + ms(quantile(f.account, 0.99)) + " | " + String.format(Locale.ROOT, "%.1f s", f.initialSyncMs / 1000)
                    + " |");
        }
        report.blank();
        Figures small = all.get(0);
        Figures large = all.get(all.size() - 1);
        double smallP50 = quantile(small.folder, 0.5);
        double largeP50 = quantile(large.folder, 0.5);
        double largeP99 = quantile(large.folder, 0.99);
        double growth = largeP50 / smallP50;
        double rawGrowth = quantile(large.raw, 0.5) / quantile(small.raw, 0.5);
        report.line("- " + PASSES + " passes per size after " + WARMUP + " unreported ones; gateway and raw"
                + " alternate, so both see the same load.");
        report.line("- one folder, p50 at " + String.format(Locale.ROOT, "%,d", large.size) + ": " + ms(largeP50)
                + ", target ≤ " + ms(TARGET_MS) + ": " + verdict(largeP50 <= TARGET_MS)
                + " (p99 " + ms(largeP99) + ": " + verdict(largeP99 <= TARGET_MS) + ")");
        report.line("- growth from " + String.format(Locale.ROOT, "%,d", small.size) + " to "
                + String.format(Locale.ROOT, "%,d", large.size) + " messages, p50: gateway " + ratio(growth)
                + ", raw " + ratio(rawGrowth) + "; target \"the same at both sizes\" (taken as ≤ 1.5×): "
                + verdict(growth <= 1.5));
        report.blank();
        report.line("Gateway, one folder: what the engine does for a folder in every pass, called directly on the"
                + " engine's own classes over a live connection: `STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN"
                + " HIGHESTMODSEQ)`, the mirror's stored folders (`MailboxMirror.folders`), then"
                + " `FolderSynchronizer.sync`, which must decide UNCHANGED (checked on every pass). Whole account"
                + " pass: `AccountSyncPass.run()` (LIST, STATUS of each of the 5 folders Dovecot creates, mirror"
                + " read, GETQUOTAROOT). Raw: `STATUS` then `SELECT INBOX (QRESYNC (uidvalidity modseq))` with Angus"
                + " on its own connection (the CLOSE after it is not timed). Raw STATUS alone: the same STATUS as the"
                + " engine's, on that connection with nothing selected, right after the CLOSE: Dovecot answers a"
                + " STATUS from its mailbox list index when that index's copy is fresh, and otherwise opens the"
                + " mailbox, which costs time in proportion to its size.");
        report.write();
    }

    private Figures measure(int size) throws Exception {
        String user = "p2-" + size + "-" + UUID.randomUUID().toString().substring(0, 6);
        dovecot.server().addUser(user, PASSWORD);
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(size));
        UUID id = fixture.createAccount(user, PASSWORD, dovecot.server().imapPort());
        long started = System.nanoTime();
        engine.requestSync(id);
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> fixture.account(id).state == AccountState.IDLE);
        double initialMs = millis(System.nanoTime() - started);
        assertEquals(size, fixture.messageCount(id));

        SyncAccount account = accounts.find(id).orElseThrow();
        double[] folder = new double[PASSES];
        double[] pass = new double[PASSES];
        double[] raw = new double[PASSES];
        double[] rawStatus = new double[PASSES];
        try (UpstreamMailbox upstream = connector.connect(account);
                Store client = dovecot.server().imapStore(user, PASSWORD)) {
            FolderSynchronizer synchronizer = new FolderSynchronizer(upstream, mirror, BATCH);
            IMAPFolder inbox = (IMAPFolder) client.getFolder("INBOX");
            for (int i = -WARMUP; i < PASSES; i++) {
                double r = rawStatusAndSelect(inbox);
                double s = rawStatusOnly(inbox);
                double f = folderSync(id, upstream, synchronizer);
                double a = accountPass(account, upstream);
                if (i >= 0) {
                    raw[i] = r;
                    rawStatus[i] = s;
                    folder[i] = f;
                    pass[i] = a;
                }
            }
        }
        return new Figures(size, folder, pass, raw, rawStatus, initialMs);
    }

    private double folderSync(UUID id, UpstreamMailbox upstream, FolderSynchronizer synchronizer) throws Exception {
        long start = System.nanoTime();
        FolderStatus status = upstream.status("INBOX");
        StoredFolder stored = mirror.folders(id).stream().filter(f -> f.path().equals("INBOX")).findFirst()
                .orElseThrow();
        FolderSyncPlan plan = synchronizer.sync(id, stored, status, n -> { });
        long elapsed = System.nanoTime() - start;
        assertEquals(FolderSyncPlan.UNCHANGED, plan, "nothing changed upstream");
        return millis(elapsed);
    }

    private double accountPass(SyncAccount account, UpstreamMailbox upstream) throws Exception {
        long start = System.nanoTime();
        AccountSyncPass.Outcome outcome = new AccountSyncPass(account, upstream, mirror, accounts, BATCH, () -> false)
                .run();
        long elapsed = System.nanoTime() - start;
        assertTrue(outcome.folderErrors().isEmpty(), "no folder failed");
        return millis(elapsed);
    }

    /** The same STATUS the engine sends, alone, with nothing selected: what the server itself costs. */
    private static double rawStatusOnly(IMAPFolder inbox) throws Exception {
        long start = System.nanoTime();
        inbox.doCommand(p -> p.status("INBOX",
                new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ"}));
        return millis(System.nanoTime() - start);
    }

    private static double rawStatusAndSelect(IMAPFolder inbox) throws Exception {
        long start = System.nanoTime();
        Status status = (Status) inbox.doCommand(p -> p.status("INBOX",
                new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ"}));
        inbox.open(Folder.READ_ONLY, new ResyncData(status.uidvalidity, status.highestmodseq));
        long elapsed = System.nanoTime() - start;
        inbox.close(false);
        return millis(elapsed);
    }
}
