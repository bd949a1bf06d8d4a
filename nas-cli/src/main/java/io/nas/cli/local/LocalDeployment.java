package io.nas.cli.local;

import io.nas.contract.Topics;
import io.nas.launcher.FreePort;
import io.nas.launcher.KafkaBroker;
import io.nas.launcher.PostgresDatabase;
import io.nas.launcher.S3Server;
import io.nas.launcher.ServiceProcess;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Everything {@code ./nas local} runs on this machine, each part its own process: a KRaft Kafka broker and an S3 server
 * (s3proxy) with their data under the work directory, a fresh database on the machine's PostgreSQL, and the four
 * packaged services: the sampler, the reward service, {@code trainers} trainers and one {@code host-cpu} latency
 * farm. On a machine with two or more CPUs the latency farm gets the last CPU to itself and the trainers the others,
 * so training never disturbs a measurement. Closing stops everything, in the reverse order.
 */
final class LocalDeployment implements AutoCloseable {

    static final String BUCKET = "nas";
    private static final Duration READY = Duration.ofMinutes(3);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ServiceProcess> trainers = new ArrayList<>();
    private final String apiKey = UUID.randomUUID().toString();
    private KafkaBroker kafka;
    private S3Server s3;
    private ServiceProcess sampler;
    private ServiceProcess reward;
    private ServiceProcess latency;

    /** What to start: the work directory, the number of trainers, the data and the CPUs. */
    record Plan(Path workDir, int trainers, Path fashionMnist, CpuPlan cpus) {
    }

    /** Which CPUs the trainers and the latency farm run on; null lists leave a process unpinned. */
    record CpuPlan(String trainerCpus, String latencyCpus, int trainerThreads) {

        static CpuPlan of(int cpus, int trainers, boolean canPin) {
            if (!canPin || cpus < 2) {
                return new CpuPlan(null, null, 1);
            }
            int trainerCpus = cpus - 1;
            String list = trainerCpus == 1 ? "0" : "0-" + (trainerCpus - 1);
            return new CpuPlan(list, Integer.toString(cpus - 1), Math.max(1, trainerCpus / trainers));
        }

        String describe() {
            return trainerCpus == null ? "not pinned (taskset missing or a single CPU)"
                    : "trainers on CPU " + trainerCpus + ", latency farm on CPU " + latencyCpus;
        }
    }

    static LocalDeployment start(Plan plan, PrintWriter out) {
        LocalDeployment deployment = new LocalDeployment();
        try {
            deployment.startAll(plan, out);
            return deployment;
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
    }

    private void startAll(Plan plan, PrintWriter out) {
        Path work = plan.workDir();
        step(out, "Kafka (KRaft) and the S3 server");
        kafka = KafkaBroker.start(work.resolve("kafka"), FreePort.pick(), FreePort.pick());
        started.add(kafka);
        s3 = S3Server.start(work.resolve("s3"), FreePort.pick(), "nas-local", UUID.randomUUID().toString());
        started.add(s3);
        kafka.createTopics(Topics.ALL, Math.max(2, plan.trainers()));
        step(out, "a fresh PostgreSQL database");
        PostgresDatabase database = PostgresDatabase.create("local");
        started.add(database);

        Map<String, String> infra = new LinkedHashMap<>();
        infra.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        infra.put("nas.object-store.endpoint", s3.endpoint());
        infra.put("nas.object-store.access-key", s3.accessKey());
        infra.put("nas.object-store.secret-key", s3.secretKey());
        infra.put("nas.object-store.bucket", BUCKET);
        infra.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        infra.put("quarkus.datasource.username", database.username());
        infra.put("quarkus.datasource.password", database.password());

        reward = service(work, "reward-service", "reward", infra).build();
        sampler = service(work, "sampler-service", "sampler", infra).config("nas.api.keys", apiKey).build();
        CpuPlan cpus = plan.cpus();
        for (int i = 1; i <= plan.trainers(); i++) {
            ServiceProcess.Builder trainer = service(work, "trainer-service", "trainer-" + i, infra)
                    .jvmArgs("-Xmx768m", "-XX:+UseSerialGC")
                    // oneDNN's AVX-512 kernels turn SGD to NaN on some CPUs; the latency farm keeps the best kernels.
                    .env("DNNL_MAX_CPU_ISA", System.getenv().getOrDefault("DNNL_MAX_CPU_ISA", "AVX2"))
                    .config("nas.trainer.id", "trainer-" + i)
                    .config("nas.trainer.djl.threads", Integer.toString(cpus.trainerThreads()))
                    .config("nas.trainer.djl.fashion-mnist", plan.fashionMnist().toString());
            if (cpus.trainerCpus() != null) {
                trainer.cpus(cpus.trainerCpus());
            }
            trainers.add(trainer.build());
        }
        ServiceProcess.Builder farm = service(work, "latency-service", "latency-host-cpu", infra)
                .jvmArgs("-Xmx512m", "-XX:+UseSerialGC")
                .config("nas.device.type", "host-cpu")
                .config("nas.device.id", "host-cpu-1")
                .config("nas.device.probe", "host-cpu");
        if (cpus.latencyCpus() != null) {
            farm.cpus(cpus.latencyCpus());
        }
        latency = farm.build();

        List<ServiceProcess> services = new ArrayList<>(List.of(reward, sampler));
        services.addAll(trainers);
        services.add(latency);
        step(out, "the services: sampler, reward, " + trainers.size() + " trainer(s), a host-cpu latency farm ("
                + cpus.describe() + ")");
        for (ServiceProcess service : services) {
            started.add(service);
            service.start();
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY);
        }
        out.printf(Locale.ROOT, "    ready; logs in %s%n", work.resolve("logs"));
        out.flush();
    }

    private static ServiceProcess.Builder service(Path work, String module, String name, Map<String, String> infra) {
        return ServiceProcess.builder(module).config(infra)
                .stopTimeout(Duration.ofSeconds(30))
                .workDir(work.resolve("services").resolve(name))
                .logFile(work.resolve("logs").resolve(name + ".log"));
    }

    private static void step(PrintWriter out, String what) {
        out.printf(Locale.ROOT, "  starting %s...%n", what);
        out.flush();
    }

    String apiKey() {
        return apiKey;
    }

    String samplerUrl() {
        return sampler.baseUrl();
    }

    String rewardUrl() {
        return reward.baseUrl();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    S3Server s3() {
        return s3;
    }

    /** Where the S3 server keeps an object of the bucket on disk (s3proxy's file-system backend). */
    Path objectFile(String key) {
        return s3.workDir().resolve("data").resolve(BUCKET).resolve(key);
    }

    /** Stops the services first (SIGTERM), then the database, the S3 server and the broker. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop " + started.get(i) + ": " + e.getMessage());
            }
        }
        started.clear();
    }

    static boolean canPin() {
        return Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
    }
}
