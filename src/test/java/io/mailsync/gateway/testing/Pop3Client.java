package io.mailsync.gateway.testing;

import io.mailsync.gateway.pop3.RegisteredTestDevices;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw POP3 client over a socket, so that tests see the exact bytes the listener sends. */
public final class Pop3Client implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    public final String greeting;

    public Pop3Client(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        // a deadline on every read: a listener that hangs fails the test instead of blocking it
        socket.setSoTimeout(15_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        greeting = readLine();
    }

    public String command(String line) throws IOException {
        send(line);
        return readLine();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The lines of a multi-line answer up to (not including) the terminating ".", still byte-stuffed. */
    public List<String> multiLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = readLine(); !".".equals(line); line = readLine()) {
            if (line == null) {
                throw new IOException("connection closed inside a multi-line answer");
            }
            lines.add(line);
        }
        return lines;
    }

    /** One line without CRLF; null at end of stream. Fails when a line does not end in CRLF. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                if (previous != '\r') {
                    throw new IOException("a line ended in a bare LF");
                }
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    public void login(RegisteredTestDevices.Registered device) throws IOException {
        String user = command("USER " + device.id());
        String pass = command("PASS " + device.token());
        if (!user.startsWith("+OK") || !pass.startsWith("+OK")) {
            throw new IOException("login failed: " + pass);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
