package io.mailsync.gateway.demo;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.jboss.logging.Logger;

/**
 * The services a demo run needs, started once per JVM: a real PostgreSQL from Maven jars, a single-node
 * Kafka and a GreenMail server holding the seeded demo mailbox. Everything binds 127.0.0.1 and is removed
 * again when the JVM stops.
 *
 * <p>Quarkus dev mode reads configuration several times in one JVM, through different class loaders
 * (build, run, every live reload), so the "already started" mark lives in a system property, not in a
 * static field of this class.
 */
final class EmbeddedDemo {

    /** Settings of the services started in this JVM, in {@link Properties} text form. */
    static final String STATE_PROPERTY = "demo.embedded.state";

    static final String HOST = "127.0.0.1";

    private static final Logger LOG = Logger.getLogger(EmbeddedDemo.class);

    /**
     * One lock for every class loader of the JVM: string literals are interned JVM-wide. (Locking the system
     * properties instead would block Kafka, which iterates them while starting.)
     */
    private static final Object LOCK = "io.mailsync.gateway.demo.EmbeddedDemo.lock";

    /** Strong references, so the quietened levels are not lost to garbage collection. */
    private static final List<java.util.logging.Logger> QUIETENED = new ArrayList<>();

    private EmbeddedDemo() {
    }

    /**
     * The configuration that points the gateway at the demo services, starting them if this JVM has not yet.
     *
     * @param setting reads a setting the operator may have given (ports), or null
     */
    static Map<String, String> start(Function<String, String> setting) {
        synchronized (LOCK) {
            String state = System.getProperty(STATE_PROPERTY);
            if (state != null) {
                return decode(state);
            }
            Map<String, String> settings = launch(setting);
            System.setProperty(STATE_PROPERTY, encode(settings));
            return settings;
        }
    }

    private static Map<String, String> launch(Function<String, String> setting) {
        long began = System.nanoTime();
        quieten("org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper", "io.zonky",
                "com.icegreen");
        int imapPort = port(setting, "demo.imap.port", 10143);
        int pop3Port = port(setting, "demo.pop3.port", 10110);
        int smtpPort = port(setting, "demo.smtp.port", 10025);

        CompletableFuture<EmbeddedPostgres> postgres = CompletableFuture.supplyAsync(EmbeddedDemo::startPostgres);
        CompletableFuture<KafkaClusterTestKit> kafka = CompletableFuture.supplyAsync(EmbeddedDemo::startKafka);
        GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(pop3Port, HOST, ServerSetup.PROTOCOL_POP3),
            new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP)});
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "demo-mail-server-stop"));
        int seeded;
        try {
            GreenMailUser user = mail.setUser(DemoMailbox.EMAIL, DemoMailbox.LOGIN, DemoMailbox.PASSWORD);
            seeded = new DemoMailbox(Clock.systemUTC()).seed(mail.getManagers().getImapHostManager(), user);
        } catch (Exception e) {
            throw new IllegalStateException("the demo mailbox could not be seeded: " + e.getMessage(), e);
        }

        EmbeddedPostgres pg = join(postgres, "PostgreSQL");
        KafkaClusterTestKit broker = join(kafka, "Kafka");

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("demo.active", "true");
        settings.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + HOST + ":" + pg.getPort() + "/postgres");
        settings.put("quarkus.datasource.username", "postgres");
        settings.put("quarkus.datasource.password", "postgres");
        settings.put("kafka.bootstrap.servers", broker.bootstrapServers().replace("localhost", HOST));
        settings.put("mailsync.operator-token", randomToken(24));
        settings.put("mailsync.credentials.key", Base64.getEncoder().encodeToString(randomBytes(32)));
        settings.put("mailsync.upstream.allow-private-hosts", "true");
        settings.put("demo.host", HOST);
        settings.put("demo.imap.port", Integer.toString(imapPort));
        settings.put("demo.pop3.port", Integer.toString(pop3Port));
        settings.put("demo.smtp.port", Integer.toString(smtpPort));
        settings.put("demo.email", DemoMailbox.EMAIL);
        settings.put("demo.username", DemoMailbox.LOGIN);
        settings.put("demo.password", DemoMailbox.PASSWORD);
        settings.put("demo.seeded-messages", Integer.toString(seeded));
        for (String category : List.of("org.apache.kafka", "kafka", "state.change.logger", "io.zonky", "com.icegreen")) {
            settings.put("quarkus.log.category.\"" + category + "\".level", "WARN");
        }
        LOG.infof("Demo services up in %d ms: PostgreSQL on %s:%d, Kafka on %s, mail server on %s "
                        + "(IMAP %d, POP3 %d, SMTP %d) with %d messages",
                (System.nanoTime() - began) / 1_000_000, HOST, pg.getPort(), settings.get("kafka.bootstrap.servers"), HOST,
                imapPort, pop3Port, smtpPort, seeded);
        return settings;
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", HOST)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    LOG.warn("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
                }
            }, "demo-postgres-stop"));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static KafkaClusterTestKit startKafka() {
        try {
            // our own folder: the kit's default one is deleted by a shutdown hook of its own, under the
            // broker's feet while it is still writing its last checkpoints
            Path data = Files.createTempDirectory("mailsync-demo-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(data)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("listeners", nodes.brokerListenerName().value() + "://" + HOST + ":0,"
                            + nodes.controllerListenerName().value() + "://" + HOST + ":0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    // the change relay publishes in Kafka transactions: one coordinator partition is plenty
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // deleted by the stop hook below once the broker has finished writing
                    .setDeleteOnClose(false)
                    .build();
            reopenOnLoopback(kafka);
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    kafka.close();
                    deleteTree(data);
                } catch (Exception e) {
                    LOG.warn("embedded Kafka did not stop cleanly: " + e.getMessage());
                }
            }, "demo-kafka-stop"));
            return kafka;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The test kit reserves its ports with sockets bound to every interface. Closing them makes each server
     * open its port again on the address its listener names, 127.0.0.1 (the kit's own fallback for a
     * reserved socket that was closed).
     */
    @SuppressWarnings("unchecked")
    private static void reopenOnLoopback(KafkaClusterTestKit kafka) throws ReflectiveOperationException, IOException {
        Field managerField = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
        managerField.setAccessible(true);
        Object manager = managerField.get(kafka);
        Field socketsField = manager.getClass().getDeclaredField("sockets");
        socketsField.setAccessible(true);
        for (Map<String, ServerSocketChannel> node : ((Map<Integer, Map<String, ServerSocketChannel>>) socketsField
                .get(manager)).values()) {
            for (ServerSocketChannel reserved : node.values()) {
                reserved.close();
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static <T> T join(CompletableFuture<T> service, String what) {
        try {
            return service.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("demo " + what + " did not start", e.getCause());
        }
    }

    private static int port(Function<String, String> setting, String name, int fallback) {
        String value = setting.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
        }
    }

    private static void quieten(String... categories) {
        for (String category : categories) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
            logger.setLevel(Level.WARNING);
            QUIETENED.add(logger);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String randomToken(int size) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(size));
    }

    private static String encode(Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, String> decode(String state) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }
}
