package io.mailsync.gateway.command;

/** Compares an If-Match header with a current entity tag (RFC 9110: strong comparison, list or *). */
public final class ETags {
    private ETags() {
    }

    public static boolean matches(String ifMatch, String currentTag) {
        String header = ifMatch.strip();
        if ("*".equals(header)) {
            return true;
        }
        for (String part : header.split(",")) {
            String tag = part.strip();
            if (tag.startsWith("W/")) {
                continue;
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(currentTag)) {
                return true;
            }
        }
        return false;
    }
}
