package io.mailsync.gateway.events;

import io.mailsync.gateway.mailbox.ChangesCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hears ChangesCommitted the way a live stream does (after commit), so tests can see the signals. */
@ApplicationScoped
public class CommittedSignals {

    private final List<ChangesCommitted> heard = new CopyOnWriteArrayList<>();

    List<ChangesCommitted> heardFor(UUID accountId) {
        return heard.stream().filter(signal -> signal.accountId().equals(accountId)).toList();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangesCommitted committed) {
        heard.add(committed);
    }
}
