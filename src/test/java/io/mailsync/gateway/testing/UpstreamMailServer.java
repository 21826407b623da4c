package io.mailsync.gateway.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.UUID;

/** An in-JVM IMAP server on a free loopback port, for account registration tests. */
public final class UpstreamMailServer implements AutoCloseable {

    private final GreenMail greenMail;

    public UpstreamMailServer() {
        greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                .dynamicPort()});
        greenMail.start();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** Creates a mailbox user with a unique login and returns that login. */
    public String newUser(String password) {
        String login = "user-" + UUID.randomUUID();
        greenMail.setUser(login + "@example.com", login, password);
        return login;
    }

    /** The JSON body of a registration for this server. */
    public String registration(String login, String password) {
        return """
                {"email": "%s@example.com", "username": "%s", "password": "%s",
                 "imap": {"host": "127.0.0.1", "port": %d, "security": "NONE"}}
                """.formatted(login, login, password, imapPort());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
