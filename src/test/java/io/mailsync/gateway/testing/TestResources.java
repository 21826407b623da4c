package io.mailsync.gateway.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real services every Quarkus test needs, once for the whole test run. */
@SuppressWarnings("deprecation")
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
public final class TestResources {
    private TestResources() {
    }
}
