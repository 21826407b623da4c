package io.mailsync.gateway.api.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IfNoneMatchTest {

    @Test
    void matchesTheCurrentTagStrongOrWeakAnywhereInTheList() {
        assertTrue(IfNoneMatch.matches("\"m42\"", "m42"));
        assertTrue(IfNoneMatch.matches("W/\"m42\"", "m42"));
        assertTrue(IfNoneMatch.matches("\"m1\", W/\"m42\"", "m42"));
        assertTrue(IfNoneMatch.matches("\"m1\",\"m42\"", "m42"));
        assertTrue(IfNoneMatch.matches("*", "m42"));
    }

    @Test
    void anythingElseMatchesNothing() {
        assertFalse(IfNoneMatch.matches(null, "m42"));
        assertFalse(IfNoneMatch.matches("", "m42"));
        assertFalse(IfNoneMatch.matches("\"m4\"", "m42"));
        assertFalse(IfNoneMatch.matches("\"m421\"", "m42"));
        assertFalse(IfNoneMatch.matches("m42", "m42"));
        assertFalse(IfNoneMatch.matches("\"m42", "m42"));
        assertFalse(IfNoneMatch.matches("\"", "m42"));
        assertFalse(IfNoneMatch.matches("W/", "m42"));
        assertFalse(IfNoneMatch.matches("not a tag, \"m42\"", "m42"));
    }
}
