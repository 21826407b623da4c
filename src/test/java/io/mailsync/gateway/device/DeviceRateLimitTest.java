package io.mailsync.gateway.device;

import static io.mailsync.gateway.device.DeviceApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.mailsync.gateway.testing.MirrorFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Test configuration: 5 requests per second, bursts of 20 per token. */
@QuarkusTest
class DeviceRateLimitTest {

    /** Far more than the burst and what the refill gives back while they are sent. */
    private static final int MAX_REQUESTS = 2000;

    @Inject
    MirrorFixture mirror;

    @Test
    void hammeringTokenGets429WhileAnotherTokenIsStillServed() {
        UUID account = mirror.account("127.0.0.1", 1, "ratelimit-" + UUID.randomUUID(), "secret");
        DeviceApi.Registered noisy = DeviceApi.register(account, "noisy");
        DeviceApi.Registered quiet = DeviceApi.register(account, "quiet");
        String devices = "/api/v1/accounts/" + account + "/devices";

        // several senders at once, each sending until one is limited: a fixed number of requests would be
        // outrun by the refill (5 a second) on a machine slow enough to serve fewer than that
        ExecutorService senders = Executors.newFixedThreadPool(4);
        AtomicReference<Response> found = new AtomicReference<>();
        AtomicInteger unexpected = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        try {
            for (int i = 0; i < 4; i++) {
                senders.submit(() -> {
                    while (found.get() == null && sent.incrementAndGet() <= MAX_REQUESTS) {
                        Response r = as(noisy.token()).get(devices);
                        if (r.statusCode() == 429) {
                            found.compareAndSet(null, r);
                        } else if (r.statusCode() != 200) {
                            unexpected.incrementAndGet();
                        }
                    }
                });
            }
        } finally {
            senders.shutdown();
        }
        await().atMost(Duration.ofSeconds(120)).until(senders::isTerminated);
        assertEquals(0, unexpected.get(), "every request is served or limited, nothing else");
        Response limited = found.get();
        assertTrue(limited != null, Math.min(sent.get(), MAX_REQUESTS) + " requests as fast as they go are limited");
        limited.then().contentType("application/problem+json").body("status", equalTo(429))
                .body("type", equalTo("https://mailsync.io/problems/too-many-requests"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After in whole seconds: " + retryAfter);

        as(quiet.token()).get(devices).then().statusCode(200);
        DeviceApi.operator().get(devices).then().statusCode(200);
    }
}
