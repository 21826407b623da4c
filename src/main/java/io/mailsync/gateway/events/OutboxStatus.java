package io.mailsync.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** How the relay is doing, as readiness and the logs report it: publishing, or held back by Kafka. */
@ApplicationScoped
public class OutboxStatus {

    /** The relay's last word: a failure (with when the streak began) or a success. */
    record State(boolean failing, String reason, Instant since, Instant lastPublishedAt, int consecutiveFailures) {
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(false, null, Instant.now(), null, 0));

    State current() {
        return state.get();
    }

    /** Records a pass that reached Kafka; returns true when it ends a streak of failures. */
    boolean succeeded(boolean publishedSomething) {
        State before = state.getAndUpdate(s -> new State(false, null, s.failing() ? Instant.now() : s.since(),
                publishedSomething ? Instant.now() : s.lastPublishedAt(), 0));
        return before.failing();
    }

    /** Records a failed pass; returns the number of consecutive failures. */
    int failed(String reason) {
        return state.updateAndGet(s -> new State(true, reason, s.failing() ? s.since() : Instant.now(),
                s.lastPublishedAt(), s.consecutiveFailures() + 1)).consecutiveFailures();
    }
}
