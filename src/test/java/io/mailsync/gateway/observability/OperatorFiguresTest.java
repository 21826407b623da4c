package io.mailsync.gateway.observability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.MetricsScrape;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator's Prometheus and probes read once accounts are being synced. */
@QuarkusTest
class OperatorFiguresTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    SyncFixture fixture;

    private GreenMailUpstream upstream;

    @AfterEach
    void stopUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void metricsCountSyncedAccountsPassesAndConnections() {
        upstream = new GreenMailUpstream("figures-" + UUID.randomUUID().toString().substring(0, 8));
        UUID id = fixture.createAccount(upstream.username, upstream.password, upstream.port());
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.IDLE);
        fixture.awaitPass(id, DEADLINE);

        await().atMost(DEADLINE).untilAsserted(() -> {
            MetricsScrape metrics = MetricsScrape.parse(
                    given().get("/q/metrics").then().statusCode(200).extract().asString());
            assertTrue(value(metrics, "mailsync_accounts", "state", "idle") >= 1, "idle accounts counted");
            assertTrue(value(metrics, "mailsync_sync_pass_seconds_count", "outcome", "ok") >= 2, "passes timed");
            assertTrue(value(metrics, "mailsync_imap_connections") >= 1, "the account's connection is open");
            assertTrue(value(metrics, "mailsync_sync_lag_seconds") >= 0, "lag reported");
            assertTrue(metrics.value("mailsync_accounts", "state", "auth-failed").isPresent(),
                    "every state has its gauge");
        });
    }

    @Test
    void readinessSummarisesTheAccountsWithoutFailingOnTheirErrors() {
        upstream = new GreenMailUpstream("ready-" + UUID.randomUUID().toString().substring(0, 8));
        UUID id = fixture.createAccount(upstream.username, upstream.password, upstream.port());
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.IDLE);
        upstream.close();
        upstream = null;
        // the server is gone: the account goes into error, and the replica stays ready
        await().atMost(DEADLINE).until(() -> fixture.account(id).state == AccountState.ERROR);
        await().atMost(DEADLINE).untilAsserted(() -> {
            String ready = given().get("/q/health/ready").then().statusCode(200).extract().asString();
            Matcher error = Pattern.compile("\"name\"\\s*:\\s*\"accounts\".*?\"error\"\\s*:\\s*(\\d+)", Pattern.DOTALL)
                    .matcher(ready);
            assertTrue(error.find(), ready);
            assertTrue(Long.parseLong(error.group(1)) >= 1, ready);
        });
    }

    private static double value(MetricsScrape metrics, String name, String... labels) {
        return metrics.value(name, labels).orElseThrow(() -> new AssertionError("no " + name + " in the scrape"));
    }
}
