package io.mailsync.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (KRaft, broker and controller in one node) in the test JVM, started once and
 * shared like {@link PostgresResource}. The broker can be stopped and started again on the same port, to
 * play an outage.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC = "mailsync.changes";
    public static final int PARTITIONS = 4;

    private static KafkaClusterTestKit kafka;

    public static synchronized KafkaClusterTestKit instance() {
        if (kafka == null) {
            kafka = launch();
        }
        return kafka;
    }

    public static String bootstrapServers() {
        return instance().bootstrapServers().replace("localhost", "127.0.0.1");
    }

    /** Stops the broker (the controller stays): clients get connection refused on its port. */
    public static void stopBroker() {
        instance().brokers().values().forEach(broker -> broker.shutdown());
        instance().brokers().values().forEach(broker -> broker.awaitShutdown());
    }

    /** Starts the stopped broker again on the same port, with its data. */
    public static void startBroker() {
        instance().brokers().values().forEach(broker -> broker.startup());
        try {
            instance().waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not come back", e);
        }
    }

    public static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    private static KafkaClusterTestKit launch() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            Path data = Files.createTempDirectory(tmp, "kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(data)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("listeners", nodes.brokerListenerName().value() + "://127.0.0.1:0,"
                            + nodes.controllerListenerName().value() + "://127.0.0.1:0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "2")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("log.flush.interval.messages", "1000000")
                    .setDeleteOnClose(false)
                    .build();
            reopenOnLoopback(cluster);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            kafka = cluster;
            try (Admin admin = admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // the JVM is going away; the data folder is under target/
                }
            }));
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
        }
    }

    /** The kit reserves ports bound to every interface; closed, each is reopened on 127.0.0.1 (same port). */
    @SuppressWarnings("unchecked")
    private static void reopenOnLoopback(KafkaClusterTestKit cluster) throws ReflectiveOperationException, IOException {
        Field managerField = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
        managerField.setAccessible(true);
        Object manager = managerField.get(cluster);
        Field socketsField = manager.getClass().getDeclaredField("sockets");
        socketsField.setAccessible(true);
        for (Map<String, ServerSocketChannel> node : ((Map<Integer, Map<String, ServerSocketChannel>>) socketsField
                .get(manager)).values()) {
            for (ServerSocketChannel reserved : node.values()) {
                reserved.close();
            }
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by all test classes; closed by the shutdown hook
    }
}
