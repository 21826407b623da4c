package io.mailsync.gateway.testing;

import io.mailsync.gateway.config.MailsyncConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The gateway's typed settings for tests that build engine parts by hand, without starting the application. */
public final class MailsyncTestConfig {

    private MailsyncTestConfig() {
    }

    /** The defaults, the two required settings filled with placeholders, and {@code settings} over them. */
    public static MailsyncConfig of(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(
                "mailsync.operator-token", "t",
                "mailsync.credentials.key", "k"));
        all.putAll(settings);
        return new SmallRyeConfigBuilder()
                .withMapping(MailsyncConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500))
                .build()
                .getConfigMapping(MailsyncConfig.class);
    }
}
