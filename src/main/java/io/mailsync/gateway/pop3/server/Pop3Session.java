package io.mailsync.gateway.pop3.server;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.pop3.PopDevice;
import io.mailsync.gateway.pop3.PopMailbox;
import io.mailsync.gateway.pop3.PopMailboxes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One POP3 conversation (RFC 1939): AUTHORIZATION with USER/PASS (device id and token), TRANSACTION on
 * a snapshot of the device's maildrop, UPDATE at QUIT. Every bad input gets {@code -ERR}; nothing a
 * client sends can make it read an unbounded line or wait forever.
 */
final class Pop3Session implements Runnable {

    private static final Logger LOG = Logger.getLogger(Pop3Session.class);
    /** RFC 1939 allows 255 octets per command; a generous but fixed bound. */
    static final int MAX_LINE = 1024;
    private static final int MAX_LOGIN_FAILURES = 3;
    private static final byte[] CRLF = {'\r', '\n'};

    private enum State { AUTHORIZATION, TRANSACTION }

    private final Socket socket;
    private final MailsyncConfig.Pop3 config;
    private final PopMailboxes maildrops;
    private final Set<UUID> lockedMaildrops;

    private State state = State.AUTHORIZATION;
    private String user;
    private int loginFailures;
    /** The device whose maildrop this session holds (and has locked), once logged in. */
    private UUID device;
    private PopMailbox maildrop;
    private List<PopMailbox.Entry> messages = List.of();
    private boolean[] deleted = new boolean[0];
    private InputStream in;
    private OutputStream out;

    Pop3Session(Socket socket, MailsyncConfig.Pop3 config, PopMailboxes maildrops, Set<UUID> lockedMaildrops) {
        this.socket = socket;
        this.config = config;
        this.maildrops = maildrops;
        this.lockedMaildrops = lockedMaildrops;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            reply("+OK mailsync POP3 ready");
            boolean open = true;
            while (open) {
                String line;
                try {
                    line = readLine();
                } catch (SocketTimeoutException e) {
                    reply("-ERR [SYS/TEMP] idle for too long, closing");
                    break;
                }
                if (line == null) {
                    break;
                }
                open = handle(line);
            }
        } catch (IOException e) {
            // the client went away; nothing was committed (no UPDATE state)
        } catch (RuntimeException e) {
            LOG.warnf("POP3 session ended by an unexpected failure: %s", e.getClass().getSimpleName());
        } finally {
            if (device != null) {
                lockedMaildrops.remove(device);
            }
        }
    }

    /** Reads one line without its CRLF; a line longer than {@link #MAX_LINE} is consumed and returned as null-char. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        boolean tooLong = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                break;
            }
            if (line.length() >= MAX_LINE) {
                tooLong = true;
                continue;
            }
            line.append((char) b);
        }
        if (tooLong) {
            return "\0";
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    /** Answers one command; false when the session ends. */
    private boolean handle(String line) throws IOException {
        if ("\0".equals(line)) {
            reply("-ERR line too long");
            return true;
        }
        if (!printable(line)) {
            reply("-ERR control characters are not allowed in commands");
            return true;
        }
        int space = line.indexOf(' ');
        String command = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        switch (command) {
            case "CAPA" -> capabilities();
            case "QUIT" -> {
                quit();
                return false;
            }
            case "NOOP" -> inTransaction(() -> reply("+OK"));
            case "USER" -> user(argument);
            case "PASS" -> {
                return pass(argument);
            }
            case "STAT" -> inTransaction(this::stat);
            case "LIST" -> inTransaction(() -> list(argument));
            case "UIDL" -> inTransaction(() -> uidl(argument));
            case "RETR" -> inTransaction(() -> retrieve(argument));
            case "TOP" -> inTransaction(() -> top(argument));
            case "DELE" -> inTransaction(() -> delete(argument));
            case "RSET" -> inTransaction(this::reset);
            case "APOP", "AUTH", "STLS" -> reply("-ERR not supported: use USER and PASS");
            default -> reply("-ERR unknown command");
        }
        return true;
    }

    private void capabilities() throws IOException {
        reply("+OK capability list follows");
        line("USER");
        line("TOP");
        line("UIDL");
        line("RESP-CODES");
        line("PIPELINING");
        line("IMPLEMENTATION mailsync-gateway");
        line(".");
        out.flush();
    }

    private void user(String argument) throws IOException {
        if (state != State.AUTHORIZATION) {
            reply("-ERR already logged in");
            return;
        }
        if (argument.isBlank()) {
            reply("-ERR USER needs the device id");
            return;
        }
        user = argument.trim();
        reply("+OK send PASS with the device token");
    }

    private boolean pass(String argument) throws IOException {
        if (state != State.AUTHORIZATION) {
            reply("-ERR already logged in");
            return true;
        }
        if (user == null) {
            reply("-ERR send USER first");
            return true;
        }
        Optional<PopDevice> found = deviceId(user).flatMap(id -> maildrops.authenticate(id, argument));
        user = null;
        if (found.isEmpty()) {
            loginFailures++;
            pause();
            reply("-ERR [AUTH] invalid device id or token");
            return loginFailures < MAX_LOGIN_FAILURES;
        }
        PopDevice candidate = found.get();
        if (!lockedMaildrops.add(candidate.id())) {
            reply("-ERR [IN-USE] this device's maildrop is open in another session");
            return true;
        }
        device = candidate.id();
        try {
            maildrop = maildrops.open(candidate);
        } catch (UpstreamException e) {
            lockedMaildrops.remove(device);
            device = null;
            reply("-ERR [SYS/TEMP] the mail server is not available now");
            return true;
        }
        messages = maildrop.messages();
        deleted = new boolean[messages.size()];
        state = State.TRANSACTION;
        reply("+OK " + messages.size() + " messages (" + totalSize() + " octets)");
        return true;
    }

    private void pause() {
        try {
            Thread.sleep(config.loginFailureDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stat() throws IOException {
        reply("+OK " + count() + " " + totalSize());
    }

    private void list(String argument) throws IOException {
        if (!argument.isBlank()) {
            Integer n = number(argument);
            if (n != null) {
                reply("+OK " + n + " " + messages.get(n - 1).size());
            }
            return;
        }
        reply("+OK " + count() + " messages (" + totalSize() + " octets)");
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) {
                line((i + 1) + " " + messages.get(i).size());
            }
        }
        line(".");
        out.flush();
    }

    private void uidl(String argument) throws IOException {
        if (!argument.isBlank()) {
            Integer n = number(argument);
            if (n != null) {
                reply("+OK " + n + " " + messages.get(n - 1).uidl());
            }
            return;
        }
        reply("+OK unique-id listing follows");
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) {
                line((i + 1) + " " + messages.get(i).uidl());
            }
        }
        line(".");
        out.flush();
    }

    private void retrieve(String argument) throws IOException {
        Integer n = number(argument);
        if (n == null) {
            return;
        }
        byte[] raw = content(messages.get(n - 1), true);
        if (raw == null) {
            return;
        }
        reply("+OK " + raw.length + " octets");
        writeStuffed(raw, -1);
    }

    private void top(String argument) throws IOException {
        String[] parts = argument.trim().split(" +");
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
            reply("-ERR TOP needs a message number and a line count");
            return;
        }
        Integer n = number(parts[0]);
        if (n == null) {
            return;
        }
        byte[] raw = content(messages.get(n - 1), false);
        if (raw == null) {
            return;
        }
        reply("+OK top of message follows");
        int lines = Integer.parseInt(parts[1]);
        if (writeStuffed(raw, lines) && lines > 0) {
            // the whole message went out: some clients (fetchmail) download with TOP n <large>
            maildrop.received(messages.get(n - 1).id(), raw);
        }
    }

    private byte[] content(PopMailbox.Entry message, boolean download) throws IOException {
        try {
            return download ? maildrop.retrieve(message.id()) : maildrop.peek(message.id());
        } catch (MessageUnavailableException e) {
            reply("-ERR the message is no longer on the server");
        } catch (UpstreamException e) {
            reply("-ERR [SYS/TEMP] the mail server is not available now");
        }
        return null;
    }

    private void delete(String argument) throws IOException {
        Integer n = number(argument);
        if (n != null) {
            deleted[n - 1] = true;
            reply("+OK message " + n + " deleted");
        }
    }

    private void reset() throws IOException {
        deleted = new boolean[messages.size()];
        reply("+OK maildrop has " + count() + " messages (" + totalSize() + " octets)");
    }

    /** QUIT: in TRANSACTION, the UPDATE state removes the DELEted messages from this device's maildrop. */
    private void quit() throws IOException {
        if (state != State.TRANSACTION) {
            reply("+OK bye");
            return;
        }
        List<UUID> gone = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) {
                gone.add(messages.get(i).id());
            }
        }
        try {
            maildrop.remove(gone);
        } catch (RuntimeException e) {
            reply("-ERR some deleted messages not removed");
            return;
        }
        maildrop.applyServerPolicy();
        reply("+OK bye, " + count() + " messages left");
    }

    /** The message number argument, checked: answers -ERR and returns null when it is not usable. */
    private Integer number(String argument) throws IOException {
        String text = argument.trim();
        if (!text.matches("[1-9][0-9]{0,8}")) {
            reply("-ERR a message number is required");
            return null;
        }
        int n = Integer.parseInt(text);
        if (n > messages.size()) {
            reply("-ERR no such message");
            return null;
        }
        if (deleted[n - 1]) {
            reply("-ERR message " + n + " is deleted");
            return null;
        }
        return n;
    }

    private int count() {
        int count = 0;
        for (boolean d : deleted) {
            count += d ? 0 : 1;
        }
        return count;
    }

    private long totalSize() {
        long total = 0;
        for (int i = 0; i < messages.size(); i++) {
            total += deleted[i] ? 0 : messages.get(i).size();
        }
        return total;
    }

    private void inTransaction(Command command) throws IOException {
        if (state != State.TRANSACTION) {
            reply("-ERR log in first (USER and PASS)");
            return;
        }
        command.run();
    }

    /**
     * Sends the message as a multi-line answer: every line ends in CRLF, a line starting with "." gets
     * another "." (RFC 1939 byte-stuffing), and a lone "." ends it. {@code bodyLines} >= 0 sends the
     * headers and that many body lines (TOP); -1 sends everything. Returns whether the whole message went out.
     */
    private boolean writeStuffed(byte[] raw, int bodyLines) throws IOException {
        int start = 0;
        boolean inBody = false;
        int sentBodyLines = 0;
        while (start < raw.length) {
            if (inBody && bodyLines >= 0 && sentBodyLines >= bodyLines) {
                line(".");
                out.flush();
                return false;
            }
            int end = start;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int contentEnd = end > start && raw[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd > start && raw[start] == '.') {
                out.write('.');
            }
            out.write(raw, start, contentEnd - start);
            out.write(CRLF);
            if (inBody) {
                sentBodyLines++;
            } else if (contentEnd == start) {
                inBody = true;
            }
            start = end + 1;
        }
        line(".");
        out.flush();
        return true;
    }

    private static java.util.Optional<UUID> deviceId(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean printable(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private void reply(String text) throws IOException {
        line(text);
        out.flush();
    }

    private void line(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    @FunctionalInterface
    private interface Command {
        void run() throws IOException;
    }
}
