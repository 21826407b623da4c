package io.mailsync.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.mailbox.UpstreamException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Many accounts on one host: long-lived connections never take the slots passes need. */
class HostConnectionLimitTest {

    private static final String HOST = "imap.example.com";

    @Test
    void idleWatchesStopShortOfTheReserveWhilePassesStillGetTheirSlots() {
        HostConnectionLimit limit = new HostConnectionLimit(5, 2, Duration.ZERO);
        limit.acquireLongLived(HOST);
        limit.acquireLongLived(HOST);
        limit.acquireLongLived(HOST);
        UpstreamException refused = assertThrows(UpstreamException.class, () -> limit.acquireLongLived(HOST));
        assertEquals(UpstreamException.Kind.UNAVAILABLE, refused.kind());
        assertEquals(3, limit.held(HOST), "the refused watch gave its slot back");

        limit.acquire(HOST);
        limit.acquire(HOST);
        assertEquals(5, limit.held(HOST));
        assertThrows(UpstreamException.class, () -> limit.acquire(HOST), "the limit itself still holds");
    }

    @Test
    void aPassKeepsItsConnectionOnlyWhileTheReserveStaysFree() {
        HostConnectionLimit limit = new HostConnectionLimit(4, 2, Duration.ZERO);
        Runnable first = limit.acquire(HOST);
        assertTrue(limit.roomToKeep(HOST), "3 free, reserve 2");
        limit.acquire(HOST);
        assertTrue(limit.roomToKeep(HOST), "2 free, reserve 2: keeping leaves the reserve");
        Runnable third = limit.acquire(HOST);
        assertFalse(limit.roomToKeep(HOST), "1 free: the connection must go back");
        third.run();
        third.run();
        assertEquals(2, limit.held(HOST), "a slot is given back once however often release runs");
        first.run();
        assertEquals(1, limit.held(HOST));
    }

    @Test
    void withNoMoreSlotsThanWorkersNothingStaysOpen() {
        HostConnectionLimit limit = new HostConnectionLimit(2, 8, Duration.ZERO);
        assertThrows(UpstreamException.class, () -> limit.acquireLongLived(HOST));
        limit.acquire(HOST);
        assertFalse(limit.roomToKeep(HOST));
        assertEquals(1, limit.held("IMAP.Example.com"), "hosts are counted case-insensitively");
    }
}
