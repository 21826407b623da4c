package io.mailsync.gateway.observability;

import io.mailsync.gateway.pop3.server.Pop3Listener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Open client sessions for operators' dashboards: live change streams and POP3 sessions on this replica. */
@Startup
@ApplicationScoped
public class SessionFigures {

    SessionFigures(MeterRegistry registry, OpenChangeStreams streams, Pop3Listener pop3) {
        Gauge.builder("mailsync.sse.sessions", streams, OpenChangeStreams::openStreams)
                .description("Server-Sent Events change streams open on this replica")
                .register(registry);
        Gauge.builder("mailsync.pop3.sessions", pop3, Pop3Listener::openSessions)
                .description("POP3 client sessions open on this replica")
                .register(registry);
    }
}
