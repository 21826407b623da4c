package io.mailsync.gateway.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An in-JVM IMAP upstream (GreenMail) for one test class: IMAP only, on 127.0.0.1 and a free port, without
 * users (each test adds its own). Register it on a static field with {@code @RegisterExtension}; it starts
 * before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods.
 */
public final class GreenMailImap extends GreenMailExtension {

    public GreenMailImap() {
        super(onLoopback());
        withPerMethodLifecycle(false);
    }

    /** IMAP on 127.0.0.1, on a port chosen when the server starts. */
    static ServerSetup onLoopback() {
        return new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort();
    }

    /** The port the running server listens on. */
    public int port() {
        return getImap().getPort();
    }
}
