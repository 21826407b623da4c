package io.mailsync.gateway.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** UIDs and UIDVALIDITY cross from the upstream ports to the mirror's numbers and back, checked on the way in. */
class UidTest {

    @Test
    void numbersBecomeUidsInTheirOrderAndBack() {
        List<Uid> uids = Uid.all(List.of(7L, 3L, 4_294_967_295L));
        assertEquals(List.of(Uid.of(7), Uid.of(3), Uid.of(Uid.MAX)), uids);
        assertEquals(List.of(7L, 3L, 4_294_967_295L), Uid.values(uids));
    }

    @Test
    void numbersThatAreNoUidAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Uid.all(List.of(5L, 0L)));
        assertThrows(IllegalArgumentException.class, () -> Uid.all(List.of(Uid.MAX + 1)));
    }

    @Test
    void aUidValidityIsKnownOnlyWhenPositive() {
        assertEquals(UidValidity.of(42), UidValidity.known(42L));
        assertNull(UidValidity.known(null), "the mirror before a folder's first sync");
        assertNull(UidValidity.known(-1L), "Angus Mail when the server told none");
        assertNull(UidValidity.known(0L));
        assertThrows(IllegalArgumentException.class, () -> UidValidity.known(Uid.MAX + 1));
    }
}
