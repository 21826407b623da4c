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

    /** A registration of this login on this server, with the address {@link #newUser} gave it. */
    public AccountRegistration registration(String login, String password) {
        return AccountRegistration.of(login, password).email(login + "@example.com").imap(imapPort());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
