package io.mailsync.gateway.interop;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;

/**
 * Loads many messages quickly: one IMAP MULTIAPPEND per batch with non-synchronizing literals
 * (LITERAL+), so a batch costs one round trip instead of one per message.
 */
final class MultiAppendLoader implements AutoCloseable {

    static final int BATCH_SIZE = 500;

    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID (\\d+) ([0-9:,]+)]");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tagCounter;

    private MultiAppendLoader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    static MultiAppendLoader login(String host, int port, String user, String password) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(60_000);
        MultiAppendLoader loader = new MultiAppendLoader(socket);
        try {
            String greeting = loader.readLine();
            if (!greeting.startsWith("* OK")) {
                throw new IOException("unexpected IMAP greeting: " + greeting);
            }
            loader.command("LOGIN " + quoted(user) + " " + quoted(password));
            return loader;
        } catch (IOException | RuntimeException e) {
            loader.close();
            throw e;
        }
    }

    /** Creates the folder unless it exists already. */
    void createFolder(String folder) throws IOException {
        String tagged = send("CREATE " + quoted(BASE64MailboxEncoder.encode(folder)));
        if (!tagged.startsWith("OK") && !tagged.contains("[ALREADYEXISTS]")) {
            throw new IOException("CREATE " + folder + " failed: " + tagged);
        }
    }

    /** Appends all messages in order; returns the UIDVALIDITY and the UIDs the server assigned. */
    DovecotServer.AppendedMessages append(String folder, List<byte[]> messages) throws IOException {
        String mailbox = quoted(BASE64MailboxEncoder.encode(folder));
        long uidValidity = 0;
        List<Long> uids = new ArrayList<>(messages.size());
        for (int from = 0; from < messages.size(); from += BATCH_SIZE) {
            List<byte[]> batch = messages.subList(from, Math.min(messages.size(), from + BATCH_SIZE));
            String tag = nextTag();
            out.write((tag + " APPEND " + mailbox).getBytes(StandardCharsets.US_ASCII));
            for (byte[] message : batch) {
                out.write((" {" + message.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(message);
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String tagged = awaitTagged(tag);
            if (!tagged.startsWith("OK")) {
                throw new IOException("APPEND to " + folder + " failed: " + tagged);
            }
            Matcher m = APPENDUID.matcher(tagged);
            if (m.find()) {
                uidValidity = Long.parseLong(m.group(1));
                uids.addAll(parseUidSet(m.group(2)));
            }
        }
        return new DovecotServer.AppendedMessages(uidValidity, List.copyOf(uids));
    }

    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                send("LOGOUT");
            }
        } catch (IOException ignored) {
            // the connection is being thrown away anyway
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void command(String command) throws IOException {
        String tagged = send(command);
        if (!tagged.startsWith("OK")) {
            String shown = command.startsWith("LOGIN") ? "LOGIN" : command;
            throw new IOException(shown + " failed: " + tagged);
        }
    }

    /** Sends a command and returns its tagged status ("OK ...", "NO ...", "BAD ..."). */
    private String send(String command) throws IOException {
        String tag = nextTag();
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return awaitTagged(tag);
    }

    private String awaitTagged(String tag) throws IOException {
        String prefix = tag + " ";
        while (true) {
            String line = readLine();
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        throw new IOException("IMAP server closed the connection");
    }

    private String nextTag() {
        return "L" + (++tagCounter);
    }

    private static String quoted(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line breaks cannot be sent as an IMAP quoted string");
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static List<Long> parseUidSet(String set) {
        List<Long> uids = new ArrayList<>();
        for (String part : set.split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                uids.add(Long.parseLong(part));
            } else {
                long a = Long.parseLong(part.substring(0, colon));
                long b = Long.parseLong(part.substring(colon + 1));
                for (long uid = Math.min(a, b); uid <= Math.max(a, b); uid++) {
                    uids.add(uid);
                }
            }
        }
        return uids;
    }
}
