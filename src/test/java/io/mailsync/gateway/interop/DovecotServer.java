package io.mailsync.gateway.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.Assumptions;

/**
 * A private Dovecot instance for interop tests: real CONDSTORE, QRESYNC, SPECIAL-USE, QUOTA and POP3,
 * in a fresh folder under /var/tmp, on free loopback ports, never touching the system service.
 * Not tied to a test framework: a test class gets one for its lifetime with {@link PrivateDovecot}; a single test
 * starts its own in try-with-resources.
 */
public final class DovecotServer implements AutoCloseable {

    /** Set by CI: interop tests fail instead of skipping when Dovecot cannot run here. */
    public static final String REQUIRE_PROPERTY = "interop.require-dovecot";

    private static final String HOST = "127.0.0.1";
    private static final Path WORK_ROOT = Path.of("/var/tmp");
    private static final List<Path> SBIN_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    /** doveadm's exit status when no user matched, e.g. kick of a user without connections. */
    private static final int EX_NOUSER = 67;
    private static final int EX_NOTFOUND = 68;
    private static final Pattern UIDVALIDITY = Pattern.compile("uidvalidity=(\\d+)");

    private final Path dir;
    private final Path config;
    private final int imapPort;
    private final int pop3Port;
    private final ProcessHandle master;
    private final Set<ProcessHandle> knownProcesses = new LinkedHashSet<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private boolean stopped;

    /**
     * How a test wants its Dovecot to behave.
     *
     * @param hiddenCapabilities IMAP capabilities not to advertise after login (e.g. CONDSTORE, QRESYNC),
     *                           to exercise fallback paths; hiding QUOTA turns off imap_quota
     * @param pop3NoFlagUpdates  {@code pop3_no_flag_updates}: POP3 RETR then leaves \Seen alone
     * @param maxUserIpConnections {@code mail_max_userip_connections}, per user and IP
     * @param maxConnections     IMAP connections the instance serves at once; 0 keeps Dovecot's defaults
     *                           (about 1,000 imap processes, 100 login processes). Raising it raises the
     *                           process and client limits of the imap, imap-login, auth and anvil services.
     * @param xoauth2            IMAP and POP3 also offer SASL XOAUTH2, which accepts the tokens given with
     *                           {@link #addOAuth2Token}; a token is no password for PLAIN, LOGIN or USER/PASS
     */
    public record Options(Set<String> hiddenCapabilities, boolean pop3NoFlagUpdates, int maxUserIpConnections,
                          int maxConnections, boolean xoauth2) {

        public Options {
            hiddenCapabilities = hiddenCapabilities.stream()
                    .map(c -> c.toUpperCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
            if (maxUserIpConnections < 1) {
                throw new IllegalArgumentException("maxUserIpConnections must be positive");
            }
            if (maxConnections < 0) {
                throw new IllegalArgumentException("maxConnections must be 0 (Dovecot's defaults) or positive");
            }
        }

        /** Everything advertised, POP3 updates flags as Dovecot does by default, 200 connections per user. */
        public static Options defaults() {
            return new Options(Set.of(), false, 200, 0, false);
        }

        public Options hideCapabilities(String... capabilities) {
            Set<String> hidden = Stream.concat(hiddenCapabilities.stream(), Stream.of(capabilities))
                    .collect(Collectors.toSet());
            return new Options(hidden, pop3NoFlagUpdates, maxUserIpConnections, maxConnections, xoauth2);
        }

        public Options pop3NoFlagUpdates(boolean enabled) {
            return new Options(hiddenCapabilities, enabled, maxUserIpConnections, maxConnections, xoauth2);
        }

        public Options maxUserIpConnections(int connections) {
            return new Options(hiddenCapabilities, pop3NoFlagUpdates, connections, maxConnections, xoauth2);
        }

        /** For scale tests: room for this many IMAP connections at once (e.g. 2,500 for 1,000 accounts). */
        public Options maxConnections(int connections) {
            return new Options(hiddenCapabilities, pop3NoFlagUpdates, maxUserIpConnections, connections, xoauth2);
        }

        /** For OAuth2 accounts: XOAUTH2 offered next to PLAIN and LOGIN, with the tokens of {@link #addOAuth2Token}. */
        public Options xoauth2(boolean enabled) {
            return new Options(hiddenCapabilities, pop3NoFlagUpdates, maxUserIpConnections, maxConnections, enabled);
        }
    }

    /** What a bulk append produced: the folder's UIDVALIDITY and the UIDs, in message order. */
    public record AppendedMessages(long uidValidity, List<Long> uids) {
    }

    private DovecotServer(Path dir, Path config, int imapPort, int pop3Port, ProcessHandle master) {
        this.dir = dir;
        this.config = config;
        this.imapPort = imapPort;
        this.pop3Port = pop3Port;
        this.master = master;
        this.shutdownHook = new Thread(this::stopQuietly, "dovecot-stop-" + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    // ---- availability ----

    /** Whether a private Dovecot can run on this machine. */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /** Why a private Dovecot cannot run here, if it cannot. */
    public static Optional<String> unavailableReason() {
        if (findBinary("dovecot").isEmpty() || findBinary("doveadm").isEmpty()) {
            return Optional.of("the dovecot and doveadm binaries were not found"
                    + " (install with: apt-get install -y dovecot-imapd dovecot-pop3d)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("a private Dovecot needs root here (it runs mail as uid 8 and auth as dovecot),"
                    + " but the tests run as " + System.getProperty("user.name"));
        }
        try {
            UserPrincipalLookupService users = WORK_ROOT.getFileSystem().getUserPrincipalLookupService();
            users.lookupPrincipalByName("mail");
            users.lookupPrincipalByName("dovecot");
            users.lookupPrincipalByName("dovenull");
        } catch (IOException e) {
            return Optional.of("a system user Dovecot needs is missing: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * For tests: returns when Dovecot can run; otherwise fails when {@value #REQUIRE_PROPERTY} is true
     * (as in CI), or skips the test with a loud warning.
     */
    public static void requireOrSkip() {
        Optional<String> reason = unavailableReason();
        if (reason.isEmpty()) {
            return;
        }
        String message = "Dovecot interop tests cannot run: " + reason.get();
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new IllegalStateException(message + " (required because -D" + REQUIRE_PROPERTY + "=true)");
        }
        System.err.println();
        System.err.println("!!!!!!!!!! SKIPPING DOVECOT INTEROP TESTS !!!!!!!!!!");
        System.err.println("!!! " + message);
        System.err.println("!!! Set -D" + REQUIRE_PROPERTY + "=true to make this a failure.");
        System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        Assumptions.abort(message);
    }

    // ---- lifecycle ----

    public static DovecotServer start() {
        return start(Options.defaults());
    }

    /** Starts a fresh instance and returns once its IMAP port greets. */
    public static DovecotServer start(Options options) {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("cannot start Dovecot: " + reason);
        });
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path dir = createWorkDir();
            try {
                return startIn(dir, options);
            } catch (IllegalStateException e) {
                // a port taken between choosing and binding it is the usual cause: retry with new ports
                lastFailure = e;
                deleteRecursively(dir);
            } catch (IOException e) {
                deleteRecursively(dir);
                throw new UncheckedIOException("cannot prepare Dovecot in " + dir, e);
            }
        }
        throw lastFailure;
    }

    private static DovecotServer startIn(Path dir, Options options) throws IOException {
        int[] ports = freePorts(2);
        Path config = dir.resolve("dovecot.conf");
        Files.writeString(config, DovecotConfig.render(dir, "mailsync-" + dir.getFileName(), ports[0], ports[1], options));
        // one passwd-file per user: Dovecot re-reads a changed passwd-file at most once a second,
        // so a user added to a shared file could be refused for up to a second; a new file is read at once
        Path users = Files.createDirectory(dir.resolve("users"));
        readableByDovecotAuth(users, "rwxr-x---");
        Path tokens = Files.createDirectory(dir.resolve("tokens"));
        readableByDovecotAuth(tokens, "rwxr-x---");
        Path mail = Files.createDirectory(dir.resolve("mail"));
        chownToMail(mail);
        Files.createDirectory(dir.resolve("run"));
        Files.createDirectory(dir.resolve("state"));

        CommandResult launch = run(List.of(findBinary("dovecot").orElseThrow().toString(), "-c", config.toString()),
                dir.resolve("launch.out"));
        if (launch.exitCode() != 0) {
            throw new IllegalStateException("dovecot did not start (exit " + launch.exitCode() + "): "
                    + launch.output() + tail(dir.resolve("dovecot.log")));
        }
        ProcessHandle master = awaitMaster(dir.resolve("run/master.pid"), dir);
        DovecotServer server = new DovecotServer(dir, config, ports[0], ports[1], master);
        try {
            awaitGreeting(ports[0], master, dir);
            master.descendants().forEach(server.knownProcesses::add);
            return server;
        } catch (RuntimeException e) {
            server.stopQuietly();
            throw e;
        }
    }

    /** Stops Dovecot (doveadm stop, then by PID), and deletes its folder. Safe to call twice. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            master.descendants().forEach(knownProcesses::add);
            try {
                // clients first, while the log process still runs: a serving imap process
                // would otherwise outlive the master by ~10 s
                doveadmResult("kick", "*");
                doveadmResult("stop");
            } catch (RuntimeException ignored) {
                // fall through to stopping by PID
            }
            if (!awaitExit(master, STOP_TIMEOUT)) {
                master.destroy();
                if (!awaitExit(master, STOP_TIMEOUT)) {
                    master.destroyForcibly();
                    awaitExit(master, STOP_TIMEOUT);
                }
            }
            // nothing should be left; if something is, end it now
            List<ProcessHandle> leftovers = knownProcesses.stream().filter(ProcessHandle::isAlive).toList();
            leftovers.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            for (ProcessHandle child : leftovers) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!awaitExit(child, Duration.ofNanos(left))) {
                    child.destroyForcibly();
                    awaitExit(child, STOP_TIMEOUT);
                }
            }
        } finally {
            deleteRecursively(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // already shutting down: this call may be the hook itself
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("could not stop Dovecot in " + dir + ": " + e);
        }
    }

    // ---- where it is ----

    public String host() {
        return HOST;
    }

    public int imapPort() {
        return imapPort;
    }

    public int pop3Port() {
        return pop3Port;
    }

    /** The master process; it and its children are gone after {@link #stop()}. */
    public ProcessHandle masterProcess() {
        return master;
    }

    /** The private folder holding configuration, users, maildirs and log; deleted by {@link #stop()}. */
    public Path directory() {
        return dir;
    }

    /** Dovecot's log so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("dovecot.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // ---- users and mail ----

    /** Adds a passwd-file user ({PLAIN} password), usable at once, with a maildir under the private folder. */
    public synchronized void addUser(String user, String password) {
        if (!user.matches("[A-Za-z0-9_][A-Za-z0-9._@+-]*")) {
            throw new IllegalArgumentException("user names here are limited to [A-Za-z0-9._@+-], not starting"
                    + " with a dot: " + user);
        }
        if (password.isEmpty() || password.chars().anyMatch(c -> c == ':' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("a passwd-file password must be non-empty, without ':' or line breaks");
        }
        try {
            Path home = dir.resolve("mail").resolve(user);
            Files.createDirectory(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            chownToMail(home);
            Path passwdFile = dir.resolve("users").resolve(user);
            Files.writeString(passwdFile, user + ":{PLAIN}" + password + "::::::\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW);
            readableByDovecotAuth(passwdFile, "rw-r-----");
            passwords.put(user, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add user " + user, e);
        }
    }

    /**
     * Gives a user added with {@link #addUser} an OAuth2 access token that SASL XOAUTH2 accepts, as a provider's
     * token endpoint would have issued it; needs {@link Options#xoauth2}. The token is no password: PLAIN, LOGIN
     * and USER/PASS still want the user's password.
     */
    public synchronized void addOAuth2Token(String user, String token) {
        if (!passwords.containsKey(user)) {
            throw new IllegalArgumentException("unknown user " + user + ": add it with addUser first");
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c == ':' || c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("a token here is non-empty printable ASCII without ':' or spaces");
        }
        try {
            Path tokenFile = dir.resolve("tokens").resolve(user);
            Files.writeString(tokenFile, user + ":{PLAIN}" + token + "::::::\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW);
            readableByDovecotAuth(tokenFile, "rw-r-----");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add a token for " + user, e);
        }
    }

    /**
     * Appends messages to a user's folder (created if missing) with IMAP MULTIAPPEND and LITERAL+,
     * {@value MultiAppendLoader#BATCH_SIZE} per command: 10,000 small messages take about 3 s.
     */
    public AppendedMessages appendMessages(String user, String folder, List<byte[]> rfc822) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("unknown user " + user + ": add it with addUser first");
        }
        try (MultiAppendLoader loader = MultiAppendLoader.login(HOST, imapPort, user, password)) {
            loader.createFolder(folder);
            return loader.append(folder, rfc822);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + user + "/" + folder, e);
        }
    }

    /** A connected Jakarta Mail store, acting as another IMAP client of this user; the caller closes it. */
    public Store imapStore(String user, String password) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.host", HOST);
        props.put("mail.imap.port", Integer.toString(imapPort));
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "30000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(HOST, imapPort, user, password);
        return store;
    }

    /** Drops every live IMAP and POP3 connection of the user. */
    public void kick(String user) {
        CommandResult result = doveadmResult("kick", user);
        if (result.exitCode() != 0 && result.exitCode() != EX_NOTFOUND && result.exitCode() != EX_NOUSER) {
            throw new IllegalStateException("doveadm kick " + user + " failed: " + result.output());
        }
    }

    /** The folder's current UIDVALIDITY, as Dovecot has it. */
    public long uidValidity(String user, String folder) {
        String status = doveadm("mailbox", "status", "-u", user, "uidvalidity", folder);
        Matcher m = UIDVALIDITY.matcher(status);
        if (!m.find()) {
            throw new IllegalStateException("no uidvalidity in: " + status);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Gives the folder a new UIDVALIDITY (the old one plus one), as a server does after rebuilding a
     * mailbox; messages and their UIDs stay. Clients must then discard what they know of the folder.
     * Returns the new value.
     */
    public long changeUidValidity(String user, String folder) {
        long old = uidValidity(user, folder);
        long next = old >= 0xFFFF_FFFFL ? 1 : old + 1;
        doveadm("mailbox", "update", "--uid-validity", Long.toString(next), "-u", user, folder);
        return next;
    }

    /** Runs {@code doveadm -c CONF args...} against this instance; returns its output, fails on non-zero exit. */
    public String doveadm(String... args) {
        CommandResult result = doveadmResult(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("doveadm " + String.join(" ", args) + " exited " + result.exitCode()
                    + ": " + result.output());
        }
        return result.output();
    }

    private CommandResult doveadmResult(String... args) {
        List<String> command = new ArrayList<>();
        command.add(findBinary("doveadm").orElseThrow().toString());
        command.add("-c");
        command.add(config.toString());
        command.addAll(List.of(args));
        try {
            return run(command, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run doveadm", e);
        }
    }

    // ---- process plumbing ----

    private record CommandResult(int exitCode, String output) {
    }

    /** Runs a command to completion; output goes to a file when the command leaves daemons behind. */
    private static CommandResult run(List<String> command, Path outputFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (outputFile != null) {
            builder.redirectOutput(outputFile.toFile());
        }
        Process process = builder.start();
        try {
            byte[] output = new byte[0];
            if (outputFile == null) {
                try (InputStream in = process.getInputStream()) {
                    output = in.readAllBytes();
                }
            }
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = outputFile == null
                    ? new String(output, StandardCharsets.UTF_8)
                    : Files.readString(outputFile);
            return new CommandResult(process.exitValue(), text.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static ProcessHandle awaitMaster(Path pidFile, Path dir) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String pid = Files.readString(pidFile).strip();
                if (!pid.isEmpty()) {
                    Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid));
                    if (handle.isPresent() && handle.get().isAlive()) {
                        return handle.get();
                    }
                    throw new IllegalStateException("Dovecot master " + pid + " is not running" + tail(dir.resolve("dovecot.log")));
                }
            } catch (IOException | NumberFormatException notYet) {
                // written right after daemonizing; look again
            }
            pause();
        }
        throw new IllegalStateException("no " + pidFile + " within " + START_TIMEOUT + tail(dir.resolve("dovecot.log")));
    }

    private static void awaitGreeting(int port, ProcessHandle master, Path dir) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastProblem = "";
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("Dovecot exited while starting" + tail(dir.resolve("dovecot.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1_000);
                socket.setSoTimeout(2_000);
                byte[] greeting = new byte[4];
                int read = socket.getInputStream().readNBytes(greeting, 0, 4);
                if (read == 4 && new String(greeting, StandardCharsets.US_ASCII).equals("* OK")) {
                    return;
                }
                lastProblem = "unexpected greeting";
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            pause();
        }
        throw new IllegalStateException("IMAP port " + port + " did not greet within " + START_TIMEOUT + " ("
                + lastProblem + ")" + tail(dir.resolve("dovecot.log")));
    }

    /** Polls: onExit() of a process that is not our child is itself polled, with growing pauses. */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            pause();
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Dovecot", e);
        }
    }

    // ---- files ----

    private static Path createWorkDir() {
        try {
            Path dir = Files.createTempDirectory(WORK_ROOT, "mailsync-dovecot-");
            // Dovecot's auth (user dovecot) and mail (user mail) processes must traverse it
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder under " + WORK_ROOT, e);
        }
    }

    private static void chownToMail(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        UserPrincipal mail = users.lookupPrincipalByName("mail");
        view.setOwner(mail);
        view.setGroup(group("mail"));
    }

    /** Dovecot's auth process runs as dovecot: it reads users through group permissions. */
    private static void readableByDovecotAuth(Path path, String permissions) throws IOException {
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group("dovecot"));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    private static GroupPrincipal group(String name) throws IOException {
        return WORK_ROOT.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Path> findBinary(String name) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(s -> !s.isEmpty())
                .map(Path::of);
        return Stream.concat(onPath, SBIN_DIRS.stream())
                .map(d -> d.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
