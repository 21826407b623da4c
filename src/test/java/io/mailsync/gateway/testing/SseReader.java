package io.mailsync.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain Server-Sent Events client for tests: reads the stream on its own thread and keeps what came. */
public final class SseReader implements AutoCloseable {

    /** One dispatched event. */
    public record Event(String id, String name, String data) {
    }

    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final List<String> comments = new CopyOnWriteArrayList<>();
    /** System.nanoTime() at which each of {@link #events} was dispatched, index for index. */
    public final List<Long> arrivals = new CopyOnWriteArrayList<>();
    /** System.nanoTime() at which each of {@link #comments} was read, index for index. */
    public final List<Long> commentArrivals = new CopyOnWriteArrayList<>();
    public final int status;
    public final String contentType;
    private final InputStream body;
    private final Thread thread;
    private volatile boolean ended;
    private volatile long endedAt;

    private SseReader(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        this.thread = new Thread(this::read, "test-sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public static SseReader open(int port, String path, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new SseReader(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public boolean ended() {
        return ended;
    }

    /** System.nanoTime() at which the stream ended; meaningful once {@link #ended()}. */
    public long endedAt() {
        return endedAt;
    }

    /** How many comments of this text were read in the (System.nanoTime()) interval from, to. */
    public long commentsBetween(String text, long from, long to) {
        long count = 0;
        for (int i = 0; i < Math.min(comments.size(), commentArrivals.size()); i++) {
            long at = commentArrivals.get(i);
            if (at >= from && at <= to && text.equals(comments.get(i))) {
                count++;
            }
        }
        return count;
    }

    String bodyText() {
        return String.join("\n", comments);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        long now = System.nanoTime();
                        arrivals.add(now);
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    commentArrivals.add(System.nanoTime());
                    comments.add(line.substring(1).strip());
                } else if (status != 200) {
                    commentArrivals.add(System.nanoTime());
                    comments.add(line);
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test or by the server
        } finally {
            endedAt = System.nanoTime();
            ended = true;
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
