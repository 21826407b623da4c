package io.mailsync.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Tests that write the mirror themselves (through {@link MirrorFixture}) run without the sync
 * engine, which would otherwise discover their accounts and rewrite those rows under them.
 */
public class MirrorOnlyProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mailsync.sync.enabled", "false");
    }
}
