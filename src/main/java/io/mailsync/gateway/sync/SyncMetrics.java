package io.mailsync.gateway.sync;

import java.time.Duration;

/** Port: what the sync engine reports for operators' dashboards (how long passes take, how they end). */
public interface SyncMetrics {

    /** Reports nothing; for engines built by hand in tests. */
    SyncMetrics NONE = (took, succeeded) -> { };

    /** One account pass ended, successfully or not, after {@code took}. */
    void passFinished(Duration took, boolean succeeded);
}
