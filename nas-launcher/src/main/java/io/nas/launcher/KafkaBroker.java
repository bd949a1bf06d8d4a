package io.nas.launcher;

import io.nas.contract.Topics;
import java.util.HashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single-node Apache Kafka (KRaft, broker and controller in one process) in a forked JVM on 127.0.0.1.
 * Topics are never created implicitly: {@code auto.create.topics.enable=false}, so a service that forgets to
 * create its topics fails in tests as it would against a production cluster.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/io/nas/testinfra/kafka.classpath";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** C1 only: on two cores the broker is up about a second sooner, and a test broker never runs long. */
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");
    private static final int SHARED_START_ATTEMPTS = 3;
    private static final String SHARED_KEY = "io.nas.launcher.shared.kafka";
    /** A string literal is one object in the whole JVM, whichever class loader loaded this class. */
    private static final Object SHARED_LOCK = "io.nas.launcher.KafkaBroker.shared";

    private static KafkaBroker shared;

    private final Path workDir;
    private final int port;
    private final long pid;
    /** Null for the shared broker of another class loader, which owns the process. */
    private final ForkedJvm jvm;
    private final boolean temporary;
    private Admin admin;

    private KafkaBroker(Path workDir, int port, long pid, ForkedJvm jvm, boolean temporary) {
        this.workDir = workDir;
        this.port = port;
        this.pid = pid;
        this.jvm = jvm;
        this.temporary = temporary;
    }

    /**
     * Starts a broker whose data and log ({@code kafka.log}) live in {@code workDir}. A work directory that
     * already holds a formatted log directory is reused as is, so topics and records survive a restart, also
     * on other ports.
     */
    public static KafkaBroker start(Path workDir, int port, int controllerPort) {
        return start(workDir, port, controllerPort, false);
    }

    /** The broker of this JVM, on free ports and a temp directory; started on first use, never closed by tests. */
    public static synchronized KafkaBroker shared() {
        synchronized (SHARED_LOCK) {
            if (shared != null && shared.isAlive()) {
                return shared;
            }
            List<String> published = ForkedJvm.lookupShared(SHARED_KEY);
            if (published != null) {
                shared = new KafkaBroker(Path.of(published.get(2)), Integer.parseInt(published.get(1)),
                        Long.parseLong(published.get(0)), null, false);
                return shared;
            }
            ForkedJvm.ExitedEarly lastFailure = null;
            for (int attempt = 0; attempt < SHARED_START_ATTEMPTS; attempt++) {
                Path dir = ForkedJvm.createTempDir("nas-kafka-");
                try {
                    shared = start(dir, FreePort.pick(), FreePort.pick(), true);
                    ForkedJvm.publishShared(SHARED_KEY, shared.pid, Integer.toString(shared.port), dir.toString());
                    return shared;
                } catch (ForkedJvm.ExitedEarly e) {
                    // Most likely another process took one of the two ports in the meantime: retry on new ones.
                    lastFailure = e;
                    ForkedJvm.deleteRecursively(dir);
                }
            }
            throw lastFailure;
        }
    }

    private static KafkaBroker start(Path workDir, int port, int controllerPort, boolean temporary) {
        long startedAt = System.nanoTime();
        String classPath = ForkedJvm.classPathResource(CLASSPATH_RESOURCE);
        Path dataDir = workDir.resolve("data");
        Path properties = workDir.resolve("server.properties");
        Path log4j = workDir.resolve("log4j2.properties");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(properties, serverProperties(port, controllerPort, dataDir));
            Files.writeString(log4j, LOG4J_CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka work directory " + workDir, e);
        }
        List<String> jvmArgs = new ArrayList<>(JVM_OPTIONS);
        jvmArgs.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
        jvmArgs.add("-cp");
        jvmArgs.add(classPath);

        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            // A cluster id is a random Kafka Uuid; kafka-clients makes one the way `StorageTool random-uuid` does.
            List<String> format = new ArrayList<>(jvmArgs);
            format.addAll(List.of("kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", properties.toAbsolutePath().toString()));
            ForkedJvm.runToCompletion("Kafka storage format", format, workDir, workDir.resolve("format.log"),
                    Duration.ofSeconds(60));
        }

        List<String> server = new ArrayList<>(jvmArgs);
        server.addAll(List.of("kafka.Kafka", properties.toAbsolutePath().toString()));
        // A kept work directory keeps the log of earlier runs too.
        ForkedJvm jvm = ForkedJvm.start("kafka-" + port, server, workDir, workDir.resolve("kafka.log"),
                Map.of(), !temporary, temporary ? workDir : null);
        KafkaBroker broker = new KafkaBroker(workDir, port, jvm.process().pid(), jvm, temporary);
        try {
            broker.awaitReady(startedAt + STARTUP_TIMEOUT.toNanos());
        } catch (RuntimeException e) {
            broker.kill();
            throw e;
        }
        System.out.printf("Kafka %s KRaft broker on 127.0.0.1:%d up in %d ms%n",
                kafkaVersion(classPath), port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public Path logFile() {
        return workDir.resolve("kafka.log");
    }

    public boolean isAlive() {
        return ForkedJvm.isAlive(pid);
    }

    /** Creates the topics that do not exist yet, with replication factor 1, compacted where the contract says. */
    public void createTopics(Collection<String> names, int partitions) {
        List<NewTopic> topics = names.stream().map(name -> new NewTopic(name, partitions, (short) 1)
                .configs(Topics.COMPACTED.contains(name) ? Map.of("cleanup.policy", "compact") : Map.of())).toList();
        Map<String, KafkaFuture<Void>> results = admin().createTopics(topics).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + result.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Creating topic " + result.getKey() + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + result.getKey(), e);
            }
        }
    }

    /**
     * Commits the end of every partition of {@code topic} for consumer group {@code group}, so a service started in
     * that group takes only what is produced from now on, not what earlier tests left on the shared broker.
     */
    public void startGroupAtEnd(String group, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, ADMIN_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, offset) -> end.put(partition,
                    new OffsetAndMetadata(offset)));
            consumer.assign(partitions);
            consumer.commitSync(end);
        }
    }

    /** The names of all non-internal topics. */
    public Set<String> topics() {
        try {
            return admin().listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list the topics of " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", e);
        }
    }

    /** The topic's {@code cleanup.policy} as the broker reports it ({@code delete} or {@code compact}). */
    public String cleanupPolicy(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            return admin().describeConfigs(List.of(resource)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe topic " + topic + " of " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topic " + topic, e);
        }
    }

    /**
     * Controlled shutdown (SIGTERM), then SIGKILL if it takes too long. The shared broker as seen from another
     * class loader only closes its admin client here: the class loader that started it owns the process.
     */
    public synchronized void stop() {
        closeAdmin();
        if (jvm == null) {
            return;
        }
        if (jvm.isAlive()) {
            jvm.stop(STOP_GRACE);
        }
        if (temporary) {
            ForkedJvm.deleteRecursively(workDir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void kill() {
        closeAdmin();
        jvm.kill();
        if (temporary) {
            ForkedJvm.deleteRecursively(workDir);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "nas-test-support-admin",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
        }
        return admin;
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    /** Ready means: the listener accepts connections and the cluster lists this node as a live broker. */
    private void awaitReady(long deadlineNanos) {
        while (!portAnswers()) {
            jvm.checkAlive("starting");
            failIfPast(deadlineNanos, "its listener to accept connections");
            ForkedJvm.sleep(50);
        }
        RuntimeException lastError = null;
        while (true) {
            jvm.checkAlive("starting");
            try {
                Collection<Node> nodes = admin().describeCluster().nodes().get(2, TimeUnit.SECONDS);
                if (!nodes.isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                lastError = new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka", e);
            }
            failIfPast(deadlineNanos, "describeCluster to list the broker (last error: " + lastError + ")");
            ForkedJvm.sleep(50);
        }
    }

    private boolean portAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void failIfPast(long deadlineNanos, String waitingFor) {
        if (System.nanoTime() > deadlineNanos) {
            throw new IllegalStateException("Kafka on 127.0.0.1:" + port + " not ready within " + STARTUP_TIMEOUT
                    + ", waiting for " + waitingFor + "; last lines of " + logFile() + ":\n" + jvm.tail(40));
        }
    }

    private static String serverProperties(int port, int controllerPort, Path dataDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.toAbsolutePath(),
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // One node: fewer internal partitions and threads start faster and fit the small heap.
                "offsets.topic.num.partitions=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.num.partitions=1",
                "num.network.threads=2",
                "num.io.threads=4",
                // The compaction buffer defaults to 128 MiB of heap, half of what the broker gets here.
                "log.cleaner.dedupe.buffer.size=8388608",
                "");
    }

    private static final String LOG4J_CONFIG = String.join("\n",
            "status = warn",
            "appender.stdout.type = Console",
            "appender.stdout.name = STDOUT",
            "appender.stdout.layout.type = PatternLayout",
            "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "");

    private static String kafkaVersion(String classPath) {
        Matcher matcher = Pattern.compile("kafka_[0-9.]+-([^/:]+)\\.jar").matcher(classPath);
        return matcher.find() ? matcher.group(1) : "(unknown version)";
    }
}
