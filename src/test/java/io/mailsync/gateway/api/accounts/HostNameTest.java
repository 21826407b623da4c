package io.mailsync.gateway.api.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"imap.example.com", "imap.example.com.", "localhost", "mail-1.xn--80ak6aa92e.com",
        "127.0.0.1", "8.8.8.8", "::1", "2001:db8::1", "::ffff:10.0.0.1"})
    void acceptsHostNamesAndAddressLiterals(String host) {
        assertTrue(HostName.Validator.isHostName(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "imap example.com", "imap.example.com\r\nA1 LOGOUT", "imap\u0000.example.com",
        "-imap.example.com", "imap-.example.com", "imap..example.com", "[::1]", "fe80::1%eth0", "1.2.3.256",
        "10.0.0.300", "http://imap.example.com", "imap.example.com:993", "ïmap.example.com", "a_b.example.com"})
    void refusesAnythingElse(String host) {
        assertFalse(HostName.Validator.isHostName(host), host);
    }

    @Test
    void refusesNamesLongerThan253Characters() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, label);
        assertFalse(HostName.Validator.isHostName(name), name.length() + " characters");
        assertTrue(HostName.Validator.isHostName(name.substring(0, 253)));
    }

    @Test
    void refusesLabelsLongerThan63Characters() {
        assertFalse(HostName.Validator.isHostName("a".repeat(64) + ".example.com"));
    }
}
