package io.mailsync.gateway.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Configuration for benchmarks: production batch size and observability refresh, no background passes
 * during measurements (the poll interval is far longer than a run), and quiet logs.
 */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mailsync.sync.batch-size", "500",
                "mailsync.sync.poll-interval", "1H",
                "mailsync.upstream.timeout", "60S",
                // the production default: the test profile reads the account figures every second
                "mailsync.observability.refresh", "10S",
                "quarkus.log.level", "WARN",
                "quarkus.log.category.\"io.mailsync\".level", "WARN");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
