package io.mailsync.gateway.demo;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the gateway at the embedded demo services (PostgreSQL, Kafka, mail server), starting them
 * the first time configuration is read in this JVM.
 *
 * <p>Active in the {@code dev} profile ({@code ./mvnw -Pdemo quarkus:dev}) or when {@code demo.embedded=true};
 * {@code demo.embedded=false} turns it off. Its values rank above application.properties and below
 * environment variables and system properties, so an operator can still override any of them.
 */
public class DemoConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!active(context)) {
            return List.of();
        }
        Map<String, String> settings = EmbeddedDemo.start(name -> value(context, name));
        return List.of(new PropertiesConfigSource(settings, "embedded demo services", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean active(ConfigSourceContext context) {
        String explicit = value(context, "demo.embedded");
        if (explicit != null && !explicit.isBlank()) {
            return Boolean.parseBoolean(explicit.trim());
        }
        return context.getProfiles().contains("dev");
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
