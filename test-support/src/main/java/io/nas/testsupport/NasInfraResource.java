package io.nas.testsupport;

import io.nas.launcher.KafkaBroker;
import io.nas.launcher.PostgresDatabase;
import io.nas.launcher.S3Server;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Real infrastructure for a {@code @QuarkusTest}: the JVM's shared Kafka broker and S3 server, a fresh bucket
 * name (the service creates the bucket), and with init arg {@code database=true} a fresh PostgreSQL database,
 * dropped when the test resource stops. Init arg {@code inputTopics} names the topics the service consumes but
 * another service would create (brokers do not auto-create topics); they exist before the service starts.
 *
 * <pre>{@code @WithTestResource(value = NasInfraResource.class, initArgs = {
 *         @ResourceArg(name = NasInfraResource.DATABASE, value = "true"),
 *         @ResourceArg(name = NasInfraResource.INPUT_TOPICS, value = Topics.PROPOSALS)})}</pre>
 *
 * Tests of packaged services use the same configuration through {@link #serviceConfig(String, PostgresDatabase)}.
 */
public class NasInfraResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code "true"} to get a fresh database and the datasource configuration. */
    public static final String DATABASE = "database";
    /** Init arg: comma-separated topics to create before the service starts (3 partitions each). */
    public static final String INPUT_TOPICS = "inputTopics";

    private boolean withDatabase;
    private List<String> inputTopics = List.of();
    private PostgresDatabase database;

    @Override
    public void init(Map<String, String> initArgs) {
        withDatabase = Boolean.parseBoolean(initArgs.getOrDefault(DATABASE, "false"));
        inputTopics = Arrays.stream(initArgs.getOrDefault(INPUT_TOPICS, "").split(","))
                .map(String::trim).filter(topic -> !topic.isEmpty()).toList();
    }

    @Override
    public Map<String, String> start() {
        if (withDatabase) {
            database = PostgresDatabase.create("test");
        }
        Map<String, String> config = serviceConfig(newBucketName(), database);
        if (!inputTopics.isEmpty()) {
            KafkaBroker.shared().createTopics(inputTopics, 3);
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** A bucket name no other test uses: S3 rules, lowercase letters, digits and '-'. */
    public static String newBucketName() {
        return "nas-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * The configuration that points a service at the shared broker and S3 server, the given bucket and, unless
     * {@code database} is null, the given database.
     */
    public static Map<String, String> serviceConfig(String bucket, PostgresDatabase database) {
        // The two servers start side by side: most of their start-up is waiting for their own JVM.
        CompletableFuture<S3Server> s3Start = CompletableFuture.supplyAsync(S3Server::shared);
        KafkaBroker broker = KafkaBroker.shared();
        S3Server s3;
        try {
            s3 = s3Start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("nas.object-store.endpoint", s3.endpoint());
        config.put("nas.object-store.access-key", s3.accessKey());
        config.put("nas.object-store.secret-key", s3.secretKey());
        config.put("nas.object-store.bucket", bucket);
        if (database != null) {
            config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
            config.put("quarkus.datasource.username", database.username());
            config.put("quarkus.datasource.password", database.password());
        }
        return config;
    }

    /**
     * As {@link #serviceConfig(String, PostgresDatabase)} with a fresh bucket and, if asked, a fresh database
     * that is dropped when the JVM exits.
     */
    public static Map<String, String> serviceConfig(boolean withDatabase) {
        return serviceConfig(newBucketName(), withDatabase ? PostgresDatabase.create("service") : null);
    }
}
