package io.mailsync.gateway.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.mailbox.UpstreamException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpstreamHostPolicyTest {

    private final UpstreamHostPolicy strict = new UpstreamHostPolicy(false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.251", "239.1.1.1",
        "255.255.255.255", "192.0.2.10", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
        "fec0::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1",
        "2001:db8::1"})
    void refusesAddressesInsideOrReservedNetworks(String literal) throws UnknownHostException {
        assertTrue(UpstreamHostPolicy.refusal(InetAddress.getByName(literal)).isPresent(), literal);
        UpstreamHostRefused refused = assertThrows(UpstreamHostRefused.class, () -> strict.check("imap.host", literal));
        assertTrue(refused.getMessage().startsWith("imap.host " + literal + " resolves to "), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
        "2a00:1450:4001:80b::200e", "64:ff9b::808:808", "2002:808:808::1"})
    void acceptsPublicUnicastAddresses(String literal) throws UnknownHostException {
        assertEquals(java.util.Optional.empty(), UpstreamHostPolicy.refusal(InetAddress.getByName(literal)), literal);
        assertDoesNotThrow(() -> strict.check("imap.host", literal));
    }

    @Test
    void allowsEverythingWhenConfigured() {
        assertDoesNotThrow(() -> new UpstreamHostPolicy(true).check("imap.host", "127.0.0.1"));
    }

    @Test
    void namesThatResolveToLoopbackAreRefused() {
        UpstreamHostRefused refused = assertThrows(UpstreamHostRefused.class,
                () -> strict.check("smtp.host", "localhost"));
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
    }

    @Test
    void unknownNamesAreAnUpstreamRefusal() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> strict.check("imap.host", "no-such-host.invalid"));
        assertEquals(UpstreamException.Kind.REFUSED, e.kind());
    }
}
