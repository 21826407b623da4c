package io.mailsync.gateway.pop3;

import io.mailsync.gateway.mailbox.UpstreamException;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies "leave on server for N days" (and catches up "delete after download" that a dropped session
 * left undone): on a schedule, it deletes from the server what each POP device's policy says is due.
 */
@ApplicationScoped
public class MaildropExpiry {

    private static final Logger LOG = Logger.getLogger(MaildropExpiry.class);

    private final PopMaildrops maildrops;
    private final PopDevices devices;
    private final Clock clock;

    public MaildropExpiry(PopMaildrops maildrops, PopDevices devices, Clock clock) {
        this.maildrops = maildrops;
        this.devices = devices;
        this.clock = clock;
    }

    @Scheduled(every = "${mailsync.pop3.expiry-interval:1H}", delayed = "${mailsync.pop3.expiry-interval:1H}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        expire();
    }

    /** One expiry run at the clock's present time; returns how many messages were deleted from servers. */
    public int expire() {
        int deleted = 0;
        for (UUID accountId : maildrops.accountsWithServerCopies()) {
            for (PopDevice device : devices.ofAccount(accountId)) {
                try {
                    deleted += maildrops.deleteDueFromServer(device, clock.instant());
                } catch (UpstreamException e) {
                    // retried on the next run; one unreachable server never stops the others
                    LOG.warnf("POP device %s: server deletion postponed: %s", device.id(), e.getMessage());
                }
            }
        }
        return deleted;
    }
}
