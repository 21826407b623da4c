package io.mailsync.gateway.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway as it ships ({@code target/quarkus-app}), in a JVM of its own with production settings, on a
 * given database: for tests and benchmarks that need whole processes (replicas killed, a heap of its own).
 * Talks to it over HTTP on loopback with the operator token.
 */
public final class PackagedGateway {

    public static final String OPERATOR = "packaged-operator-token";
    private static final String KEY = "cGFja2FnZWQtZ2F0ZXdheS1rZXktcGFja2FnZWQtZ2E=";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Duration requestTimeout;

    private PackagedGateway(String name, Process process, int port, Path log, Duration requestTimeout) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Starts one gateway process; its output goes to {@code target/<name>.log}.
     *
     * @param settings further environment variables (e.g. poll interval, Kafka), over the defaults here
     */
    public static PackagedGateway start(String name, String heap, EmbeddedPostgres postgres,
                                        Duration requestTimeout, Map<String, String> settings) throws IOException {
        int port = freePort();
        Path log = Path.of("target", name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOSTNAME", name);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("MAILSYNC_OPERATOR_TOKEN", OPERATOR);
        env.put("MAILSYNC_CREDENTIALS_KEY", KEY);
        env.put("MAILSYNC_UPSTREAM_ALLOW_PRIVATE_HOSTS", "true");
        env.put("MAILSYNC_POP3_PORT", Integer.toString(freePort()));
        env.putAll(settings);
        return new PackagedGateway(name, builder.start(), port, log, requestTimeout);
    }

    public Process process() {
        return process;
    }

    /** Waits until the process answers ready; fails with its log when it exits first. */
    public void awaitReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertAlive();
            try {
                return HTTP.send(request("/q/health/ready").build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public void assertAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited: " + Files.readString(log));
        }
    }

    /** Registers an account on a loopback IMAP server; answers its id. */
    public String registerAccount(String username, String password, int imapPort) throws Exception {
        String body = AccountRegistration.of(username, password).imap(imapPort).json();
        HttpResponse<String> response = HTTP.send(request("/api/v1/accounts")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(response.body());
        assertTrue(id.find(), response.body());
        return id.group(1);
    }

    /** GET with the operator token, expecting 200; answers the body. */
    public String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + OPERATOR);
    }

    /** Ends the process at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Asks the process to shut down, and ends it after 20 s if it has not. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                awaitExit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
