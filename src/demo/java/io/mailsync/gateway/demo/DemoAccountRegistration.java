package io.mailsync.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsync.gateway.config.MailsyncConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Registers the demo mailbox as an account through the public REST API once the gateway listens, then
 * prints the operator token and ready-to-paste curl commands. Runs only in a demo run.
 */
@ApplicationScoped
public class DemoAccountRegistration {

    private static final Logger LOG = Logger.getLogger(DemoAccountRegistration.class);

    private final MailsyncConfig config;
    private final ObjectMapper json;
    private final boolean active;
    private final String base;
    private final Duration deadline;
    private final Duration firstMessageWait;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private volatile Thread worker;

    @ConfigProperty(name = "demo.host", defaultValue = EmbeddedDemo.HOST)
    String mailHost;
    @ConfigProperty(name = "demo.imap.port", defaultValue = "10143")
    int imapPort;
    @ConfigProperty(name = "demo.pop3.port", defaultValue = "10110")
    int pop3Port;
    @ConfigProperty(name = "demo.smtp.port", defaultValue = "10025")
    int smtpPort;
    @ConfigProperty(name = "demo.email", defaultValue = DemoMailbox.EMAIL)
    String email;
    @ConfigProperty(name = "demo.username", defaultValue = DemoMailbox.LOGIN)
    String username;
    @ConfigProperty(name = "demo.password", defaultValue = DemoMailbox.PASSWORD)
    String password;
    @ConfigProperty(name = "demo.seeded-messages", defaultValue = "0")
    int seededMessages;
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "none")
    String kafka;

    DemoAccountRegistration(MailsyncConfig config, ObjectMapper json,
            @ConfigProperty(name = "demo.active", defaultValue = "false") boolean active,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String httpHost,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort,
            @ConfigProperty(name = "demo.registration-deadline", defaultValue = "60S") Duration deadline,
            @ConfigProperty(name = "demo.first-message-wait", defaultValue = "30S") Duration firstMessageWait) {
        this.config = config;
        this.json = json;
        this.active = active;
        this.base = "http://" + ("0.0.0.0".equals(httpHost) ? "127.0.0.1" : httpHost) + ":" + httpPort + "/api/v1";
        this.deadline = deadline;
        this.firstMessageWait = firstMessageWait;
    }

    void onStart(@Observes StartupEvent event) {
        if (!active) {
            return;
        }
        Thread thread = new Thread(this::registerAndAnnounce, "demo-account-registration");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void registerAndAnnounce() {
        try {
            Optional<String> accountId = register();
            Optional<String> messageId = accountId.isPresent() ? firstMessage(accountId.get()) : Optional.empty();
            System.out.println(banner(accountId, messageId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts the demo account until the API takes it or the deadline passes; answers its id. */
    private Optional<String> register() throws InterruptedException {
        Instant until = Instant.now().plus(deadline);
        boolean warnedMissingApi = false;
        while (Instant.now().isBefore(until)) {
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/accounts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(registration())));
                switch (response.statusCode()) {
                    case 200, 201 -> {
                        String id = json.readTree(response.body()).path("id").asText();
                        LOG.infof("Demo account %s registered as %s", email, id);
                        return Optional.of(id);
                    }
                    case 409 -> {
                        return existingAccount();
                    }
                    case 404, 405 -> {
                        if (!warnedMissingApi) {
                            LOG.warnf("POST /api/v1/accounts answers %d: this build has no accounts API yet; "
                                    + "retrying until %s", response.statusCode(), until);
                            warnedMissingApi = true;
                        }
                    }
                    case 401, 403 -> {
                        LOG.errorf("the gateway refused the demo's operator token (%d); is MAILSYNC_OPERATOR_TOKEN "
                                + "set to something else?", response.statusCode());
                        return Optional.empty();
                    }
                    default -> LOG.warnf("registering the demo account answered %d: %s; retrying",
                            response.statusCode(), detail(response.body()));
                }
            } catch (IOException e) {
                LOG.debugf("gateway not listening yet: %s", e.getMessage());
            }
            Thread.sleep(1000);
        }
        LOG.errorf("the demo account was not registered before the deadline (%s); the mail server still runs "
                + "on %s:%d with user %s", deadline, mailHost, imapPort, username);
        return Optional.empty();
    }

    private Optional<String> existingAccount() throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/accounts")).GET());
        for (JsonNode account : json.readTree(response.body()).path("items")) {
            if (email.equalsIgnoreCase(account.path("email").asText())) {
                LOG.infof("Demo account %s already registered as %s", email, account.path("id").asText());
                return Optional.of(account.path("id").asText());
            }
        }
        LOG.errorf("the gateway says the demo account exists (409) but does not list it");
        return Optional.empty();
    }

    /** Waits a little for the sync engine to mirror a first message, so the banner can show a real id. */
    private Optional<String> firstMessage(String accountId) throws InterruptedException {
        Instant until = Instant.now().plus(firstMessageWait);
        while (Instant.now().isBefore(until)) {
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(base + "/accounts/" + accountId + "/messages?limit=1")).GET());
                if (response.statusCode() == 200) {
                    JsonNode items = json.readTree(response.body()).path("items");
                    if (items.size() > 0) {
                        return Optional.of(items.get(0).path("id").asText());
                    }
                }
            } catch (IOException e) {
                LOG.debugf("listing demo messages failed: %s", e.getMessage());
            }
            Thread.sleep(500);
        }
        return Optional.empty();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + config.operatorToken())
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String registration() throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("email", email);
        body.put("username", username);
        body.put("password", password);
        body.set("imap", endpoint(imapPort));
        body.set("smtp", endpoint(smtpPort));
        body.set("pop3", endpoint(pop3Port));
        return json.writeValueAsString(body);
    }

    private ObjectNode endpoint(int port) {
        ObjectNode endpoint = json.createObjectNode();
        endpoint.put("host", mailHost);
        endpoint.put("port", port);
        endpoint.put("security", "NONE");
        return endpoint;
    }

    private String detail(String problem) {
        try {
            JsonNode node = json.readTree(problem);
            return node.path("title").asText("") + " " + node.path("detail").asText("");
        } catch (IOException e) {
            return "(no problem details)";
        }
    }

    private String banner(Optional<String> accountId, Optional<String> messageId) {
        String token = config.operatorToken();
        String account = accountId.orElse("ACCOUNT_ID");
        String auth = "curl -s -H 'Authorization: Bearer " + token + "' ";
        String line = "=".repeat(78);
        StringBuilder out = new StringBuilder("\n").append(line).append('\n');
        out.append(" mailsync-gateway demo\n\n");
        out.append(" Operator token : ").append(token).append('\n');
        out.append(" Demo account   : ").append(accountId.orElse("NOT REGISTERED (see the log above)"))
                .append("  (").append(email).append(", ").append(seededMessages).append(" messages seeded)\n");
        out.append(" Mail server    : IMAP ").append(mailHost).append(':').append(imapPort)
                .append(", POP3 ").append(pop3Port).append(", SMTP ").append(smtpPort)
                .append("  (login ").append(username).append(" / ").append(password).append(")\n");
        out.append(" Kafka          : ").append(kafka).append("\n\n");
        out.append(" export MAILSYNC_TOKEN=").append(token).append('\n');
        out.append(" export DEMO_ACCOUNT=").append(account).append("\n\n");
        out.append(" Folders:\n   ").append(auth).append(base).append("/accounts/").append(account).append("/folders\n");
        out.append(" Messages, newest first:\n   ").append(auth).append("'").append(base).append("/accounts/")
                .append(account).append("/messages?limit=20'\n");
        out.append(" One message:\n   ").append(auth).append(base).append("/accounts/").append(account)
                .append("/messages/").append(messageId.orElse("MESSAGE_ID")).append('\n');
        if (messageId.isEmpty()) {
            out.append("   (no message mirrored yet: take an id from the messages list)\n");
        }
        out.append(line).append('\n');
        return out.toString();
    }
}
