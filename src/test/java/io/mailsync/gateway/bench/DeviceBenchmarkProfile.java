package io.mailsync.gateway.bench;

import java.util.HashMap;
import java.util.Map;

/** {@link BenchmarkProfile} with per-device rate limits far above what a latency benchmark sends. */
public class DeviceBenchmarkProfile extends BenchmarkProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("mailsync.rate-limit.requests-per-second", "100000");
        overrides.put("mailsync.rate-limit.burst", "100000");
        // diagnosis knob: a short poll interval shows whether a figure depends on the IDLE watch at all
        String poll = System.getProperty("bench.poll-interval");
        if (poll != null) {
            overrides.put("mailsync.sync.poll-interval", poll);
        }
        return overrides;
    }
}
