package io.mailsync.gateway.pop3;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.mailsync.gateway.pop3.server.Pop3Listener;
import io.mailsync.gateway.sync.SyncFixture;
import io.mailsync.gateway.testing.GreenMailUpstream;
import io.mailsync.gateway.testing.Pop3Client;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Replays a {@link ScenarioStory} against the real gateway, once under each model: in the IMAP model every
 * device is an IMAP device and acts through the REST commands (written through to a GreenMail upstream);
 * in the POP model every device is a POP device with its declared server policy and acts as a real POP
 * client would: it downloads and deletes through POP3 sessions on the gateway's listener (UIDL, RETR, DELE,
 * QUIT), and keeps its read state and folders through the message endpoints under its own token. It then
 * reads each device's state of each message back from the gateway and prints it side by side, with the
 * comparison's summary.
 */
@ApplicationScoped
public class ScenarioRunner {

    /** The two ways a device can follow the mailbox. */
    enum Model { IMAP, POP }

    /** One device's state of one message: gone, never downloaded, or present with its read state and folder. */
    record Cell(boolean present, boolean downloaded, boolean seen, String folder) {
        static final Cell GONE = new Cell(false, true, false, null);
        static final Cell NOT_DOWNLOADED = new Cell(false, false, false, null);

        String text() {
            if (!present) {
                return downloaded ? "deleted" : "not downloaded";
            }
            return (seen ? "read" : "unread") + ", " + folder;
        }
    }

    /** What the story left behind under one model: per column (devices, then the server), per message number. */
    record Outcome(Model model, Map<String, Map<Integer, Cell>> columns, String comparisonSummary, String markdown) {
        Cell cell(String column, int message) {
            return columns.get(column).get(message);
        }
    }

    static final String SERVER = "server";

    private final PopFixture fixture;
    private final RegisteredTestDevices popDevices;
    private final PopMaildrops maildrops;
    private final Pop3Listener listener;

    ScenarioRunner(PopFixture fixture, RegisteredTestDevices popDevices, PopMaildrops maildrops,
            Pop3Listener listener) {
        this.fixture = fixture;
        this.popDevices = popDevices;
        this.maildrops = maildrops;
        this.listener = listener;
    }

    /** Runs the story under both models and returns both outcomes, IMAP first. */
    public List<Outcome> run(ScenarioStory story) throws Exception {
        return List.of(run(story, Model.IMAP), run(story, Model.POP));
    }

    Outcome run(ScenarioStory story, Model model) throws Exception {
        String user = "scenario-" + model.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (GreenMailUpstream upstream = new GreenMailUpstream(user)) {
            for (int i = 1; i <= story.messages(); i++) {
                upstream.append("INBOX", PopFixture.message(subject(i), "body of message " + i + "\r\n"));
            }
            try (Store store = SyncFixture.client(upstream.port(), upstream.username, upstream.password)) {
                for (String folder : story.targetFolders()) {
                    store.getFolder(folder).create(Folder.HOLDS_MESSAGES);
                }
            }
            UUID account = fixture.mirroredAccount(upstream, story.messages());
            String base = "/api/v1/accounts/" + account;
            Map<String, String> folderIds = awaitFolders(base, story);

            Map<String, String> imapTokens = new LinkedHashMap<>();
            Map<String, RegisteredTestDevices.Registered> pop = new LinkedHashMap<>();
            // what each POP client has retrieved, by the UIDL the listener gives (a client's "seen UIDL" list)
            Map<String, Set<String>> retrieved = new LinkedHashMap<>();
            // a maildrop forgets what its device deleted: the runner remembers it to show "deleted"
            Map<String, Set<Integer>> deletedByDevice = new LinkedHashMap<>();
            for (ScenarioStory.Actor actor : story.devices().values()) {
                if (model == Model.IMAP) {
                    imapTokens.put(actor.name(), operator().body("{\"name\":\"" + actor.name()
                                    + "\",\"platform\":\"scenario\",\"mode\":\"IMAP\"}").post(base + "/devices")
                            .then().statusCode(201).extract().path("token"));
                } else {
                    ServerPolicy policy = actor.deletesAfterDownload()
                            ? new ServerPolicy(DeleteFromServer.AFTER_DOWNLOAD, null) : ServerPolicy.KEEP;
                    pop.put(actor.name(), popDevices.registerPop(account, actor.name(), policy));
                    retrieved.put(actor.name(), new HashSet<>());
                }
            }
            for (ScenarioStory.Step step : story.steps()) {
                if (model == Model.IMAP) {
                    imapStep(base, imapTokens.get(step.device()), folderIds, step);
                } else {
                    popStep(base, pop.get(step.device()), folderIds, step, retrieved.get(step.device()));
                    if ("delete".equals(step.verb())) {
                        deletedByDevice.computeIfAbsent(step.device(), d -> new HashSet<>()).add(step.message());
                    }
                }
            }
            int onServer = upstreamCount(upstream, story);
            await("the mirror holds the " + onServer + " messages left upstream").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> serverMessages(base, null).size() == onServer);

            Map<String, Map<Integer, Cell>> columns = new LinkedHashMap<>();
            for (ScenarioStory.Actor actor : story.devices().values()) {
                columns.put(actor.name(), model == Model.IMAP
                        ? imapState(base, imapTokens.get(actor.name()), folderIds, story)
                        : popState(pop.get(actor.name()).device(), story,
                                deletedByDevice.getOrDefault(actor.name(), Set.of())));
            }
            columns.put(SERVER, imapState(base, null, folderIds, story));
            String summary = comparisonSummary(base);
            return new Outcome(model, columns, summary, markdown(model, story, columns, summary));
        }
    }

    private static void imapStep(String base, String token, Map<String, String> folderIds, ScenarioStory.Step step) {
        if ("download".equals(step.verb())) {
            return; // an IMAP device shows the shared state: there is nothing of its own to download
        }
        Object id = find(serverMessages(base, token), step.message()).orElseThrow(() -> new IllegalStateException(
                step.device() + " cannot see message " + step.message())).get("id");
        String message = base + "/messages/" + id;
        switch (step.verb()) {
            case "read" -> as(token).body("{\"seen\":true}").patch(message).then().statusCode(200);
            case "move" -> as(token).body("{\"folderId\":\"" + folderIds.get(step.folder()) + "\"}").patch(message)
                    .then().statusCode(200);
            case "delete" -> as(token).queryParam("permanent", "true").delete(message).then().statusCode(204);
            default -> throw new IllegalArgumentException(step.verb());
        }
    }

    /**
     * One step of a POP device, as its POP client causes it: downloads and deletes over a POP3 session on the
     * listener (the session's QUIT applies the deletes and the device's server policy), read state and
     * folders through the message endpoints under the device's token (they are the client's own).
     */
    private void popStep(String base, RegisteredTestDevices.Registered device, Map<String, String> folderIds,
            ScenarioStory.Step step, Set<String> retrieved) throws Exception {
        if ("download".equals(step.verb())) {
            try (Pop3Client client = session(device)) {
                for (Map.Entry<String, Integer> m : uidls(client).entrySet()) {
                    if (retrieved.add(m.getKey())) {
                        retrieve(client, m.getValue());
                    }
                }
                quit(client);
            }
            return;
        }
        String id = find(serverMessages(base, device.token()), step.message())
                .orElseThrow(() -> new IllegalStateException(step.device() + " has no message " + step.message()
                        + " in its maildrop")).get("id").toString();
        String uidl = id.replace("-", "");
        boolean delete = "delete".equals(step.verb());
        if (delete || !retrieved.contains(uidl)) {
            try (Pop3Client client = session(device)) {
                Integer number = uidls(client).get(uidl);
                if (number == null) {
                    throw new IllegalStateException(step.device() + "'s POP3 session does not list message "
                            + step.message());
                }
                if (retrieved.add(uidl)) {
                    retrieve(client, number); // a POP client reads only what it downloaded
                }
                if (delete) {
                    expectOk(client.command("DELE " + number), "DELE");
                }
                quit(client);
            }
        }
        String message = base + "/messages/" + id;
        switch (step.verb()) {
            case "read" -> as(device.token()).body("{\"seen\":true}").patch(message).then().statusCode(200);
            case "move" -> as(device.token()).body("{\"folderId\":\"" + folderIds.get(step.folder()) + "\"}")
                    .patch(message).then().statusCode(200);
            case "delete" -> { }
            default -> throw new IllegalArgumentException(step.verb());
        }
    }

    /** A logged-in POP3 session of the device; a previous session of it may still be closing on the listener. */
    private Pop3Client session(RegisteredTestDevices.Registered device) {
        Pop3Client[] opened = new Pop3Client[1];
        await("a POP3 session of " + device.device().name()).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    Pop3Client client = new Pop3Client(listener.port());
                    try {
                        client.login(device);
                        opened[0] = client;
                        return true;
                    } catch (java.io.IOException e) {
                        client.close();
                        return false;
                    }
                });
        return opened[0];
    }

    /** UIDL: message number by unique id, in maildrop order. */
    private static Map<String, Integer> uidls(Pop3Client client) throws java.io.IOException {
        expectOk(client.command("UIDL"), "UIDL");
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (String line : client.multiLine()) {
            String[] parts = line.split(" ");
            numbers.put(parts[1], Integer.parseInt(parts[0]));
        }
        return numbers;
    }

    private static void retrieve(Pop3Client client, int number) throws java.io.IOException {
        expectOk(client.command("RETR " + number), "RETR");
        client.multiLine();
    }

    private static void quit(Pop3Client client) throws java.io.IOException {
        expectOk(client.command("QUIT"), "QUIT");
    }

    private static void expectOk(String reply, String command) throws java.io.IOException {
        if (reply == null || !reply.startsWith("+OK")) {
            throw new java.io.IOException(command + " answered " + reply);
        }
    }

    private static Map<Integer, Cell> imapState(String base, String token, Map<String, String> folderIds,
            ScenarioStory story) {
        Map<String, String> paths = new LinkedHashMap<>();
        folderIds.forEach((path, id) -> paths.put(id, path));
        List<Map<String, Object>> messages = serverMessages(base, token);
        Map<Integer, Cell> cells = new LinkedHashMap<>();
        for (int i = 1; i <= story.messages(); i++) {
            cells.put(i, find(messages, i).map(m -> new Cell(true, true, Boolean.TRUE.equals(m.get("seen")),
                    paths.getOrDefault(String.valueOf(m.get("folderId")), "?"))).orElse(Cell.GONE));
        }
        return cells;
    }

    private Map<Integer, Cell> popState(PopDevice device, ScenarioStory story, Set<Integer> deleted) {
        List<MaildropMessage> drop = maildrops.messages(device.id());
        Map<Integer, Cell> cells = new LinkedHashMap<>();
        for (int i = 1; i <= story.messages(); i++) {
            String subject = subject(i);
            cells.put(i, drop.stream().filter(m -> subject.equals(m.subject())).findFirst()
                    .map(m -> m.deleted() ? Cell.GONE
                            : m.downloaded() ? new Cell(true, true, m.seen(), m.folder()) : Cell.NOT_DOWNLOADED)
                    .orElse(deleted.contains(i) ? Cell.GONE : Cell.NOT_DOWNLOADED));
        }
        return cells;
    }

    private static Map<String, String> awaitFolders(String base, ScenarioStory story) {
        Map<String, String> ids = new LinkedHashMap<>();
        await("the mirror lists the story's folders").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonPath folders = operator().get(base + "/folders").then().statusCode(200).extract().jsonPath();
                    ids.clear();
                    List<Map<String, Object>> items = folders.getList("items");
                    items.forEach(f -> ids.put((String) f.get("path"), (String) f.get("id")));
                    return ids.keySet().containsAll(story.targetFolders()) && ids.containsKey("INBOX");
                });
        return ids;
    }

    private static List<Map<String, Object>> serverMessages(String base, String token) {
        return as(token).queryParam("limit", "200").get(base + "/messages").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> messages, int number) {
        return messages.stream().filter(m -> subject(number).equals(m.get("subject"))).findFirst();
    }

    private static int upstreamCount(GreenMailUpstream upstream, ScenarioStory story) throws Exception {
        try (Store store = SyncFixture.client(upstream.port(), upstream.username, upstream.password)) {
            int count = 0;
            List<String> folders = new ArrayList<>(story.targetFolders());
            folders.add("INBOX");
            for (String path : folders) {
                Folder folder = store.getFolder(path);
                folder.open(Folder.READ_ONLY);
                count += folder.getMessageCount();
                folder.close(false);
            }
            return count;
        }
    }

    private static String comparisonSummary(String base) {
        String markdown = operator().accept("text/markdown").get(base + "/comparison").then().statusCode(200)
                .extract().asString();
        return "Comparison (GET /comparison):\n" + markdown.lines()
                .filter(l -> !l.startsWith("|") && !l.startsWith("#") && !l.isBlank())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    static String markdown(Model model, ScenarioStory story, Map<String, Map<Integer, Cell>> columns, String summary) {
        StringBuilder out = new StringBuilder("### ").append(model).append(" model\n\n| Message |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String column : columns.keySet()) {
            String label = SERVER.equals(column) ? "server (what IMAP devices see)"
                    : column + " (" + (model == Model.IMAP ? "IMAP" : story.devices().get(column).deletesAfterDownload()
                            ? "POP, delete after download" : "POP, keep") + ")";
            out.append(' ').append(label).append(" |");
            rule.append("---|");
        }
        out.append('\n').append(rule).append('\n');
        for (int i = 1; i <= story.messages(); i++) {
            out.append("| ").append(i).append(" |");
            for (Map<Integer, Cell> cells : columns.values()) {
                out.append(' ').append(cells.get(i).text()).append(" |");
            }
            out.append('\n');
        }
        return out.append('\n').append(summary).append('\n').toString();
    }

    static String subject(int number) {
        return "Message " + number;
    }

    private static RequestSpecification operator() {
        return as(null);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token == null ? "test-operator-token" : token).contentType(ContentType.JSON);
    }
}
