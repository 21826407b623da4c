package io.mailsync.gateway.interop;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private Dovecot for one test class: register it on a static field with {@code @RegisterExtension};
 * it starts before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods.
 */
public final class PrivateDovecot implements BeforeAllCallback, AfterAllCallback {

    private final DovecotServer.Options options;
    private final boolean skipWhereUnavailable;
    private DovecotServer server;

    private PrivateDovecot(DovecotServer.Options options, boolean skipWhereUnavailable) {
        this.options = options;
        this.skipWhereUnavailable = skipWhereUnavailable;
    }

    /**
     * For interop tests: skips the class where Dovecot cannot run, or fails it when
     * {@value DovecotServer#REQUIRE_PROPERTY} is true (see {@link DovecotServer#requireOrSkip()}).
     */
    public static PrivateDovecot orSkip() {
        return orSkip(DovecotServer.Options.defaults());
    }

    /** As {@link #orSkip()}, with a Dovecot configured by these options. */
    public static PrivateDovecot orSkip(DovecotServer.Options options) {
        return new PrivateDovecot(options, true);
    }

    /** For benchmarks, which are run on purpose: fails the class where Dovecot cannot run, never skips it. */
    public static PrivateDovecot orFail() {
        return new PrivateDovecot(DovecotServer.Options.defaults(), false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (skipWhereUnavailable) {
            DovecotServer.requireOrSkip();
        }
        server = DovecotServer.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // also called when beforeAll skipped or failed, with nothing started
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The running Dovecot, from the class's {@code @BeforeAll} methods to its {@code @AfterAll} methods. */
    public DovecotServer server() {
        if (server == null) {
            throw new IllegalStateException("no private Dovecot is running for this test class: register "
                    + PrivateDovecot.class.getSimpleName() + " with @RegisterExtension on a static field");
        }
        return server;
    }
}
