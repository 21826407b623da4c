package io.mailsync.gateway.api.http;

/**
 * The If-None-Match precondition of RFC 9110 (13.1.2) on a read: true when the header is {@code *} or names the
 * current entity tag, compared weakly (a {@code W/} prefix does not matter, as when a proxy weakened the tag). A
 * header that is not a list of entity tags matches nothing, so the client simply gets the representation.
 */
public final class IfNoneMatch {

    private IfNoneMatch() {
    }

    public static boolean matches(String header, String currentTag) {
        if (header == null) {
            return false;
        }
        int at = 0;
        int length = header.length();
        while (at < length) {
            char c = header.charAt(at);
            if (c == ' ' || c == '\t' || c == ',') {
                at++;
                continue;
            }
            if (c == '*') {
                return true;
            }
            if (header.startsWith("W/", at)) {
                at += 2;
            }
            if (at >= length || header.charAt(at) != '"') {
                return false;
            }
            int end = header.indexOf('"', at + 1);
            if (end < 0) {
                return false;
            }
            if (header.regionMatches(at + 1, currentTag, 0, currentTag.length()) && end - at - 1 == currentTag.length()) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }
}
