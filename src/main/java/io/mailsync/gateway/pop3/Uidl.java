package io.mailsync.gateway.pop3;

/** RFC 1939's unique-id listing rule: 1 to 70 characters in the range 0x21 to 0x7E. */
public final class Uidl {

    private Uidl() {
    }

    public static boolean valid(String uidl) {
        if (uidl == null || uidl.isEmpty() || uidl.length() > 70) {
            return false;
        }
        for (int i = 0; i < uidl.length(); i++) {
            char c = uidl.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
