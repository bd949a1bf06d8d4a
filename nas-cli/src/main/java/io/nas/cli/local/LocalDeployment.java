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
 * Everything {@code ./nas local} and the search benchmarks run on this machine, each part its own process: a KRaft
 * Kafka broker and an S3 server (s3proxy) with their data under the work directory, a fresh database on the machine's
 * PostgreSQL, and the four packaged services: the sampler, the reward service, {@code trainers} trainers and one
 * latency farm. For {@code ./nas local} the trainers train on Fashion-MNIST and the farm measures {@code host-cpu};
 * on a machine with two or more CPUs the farm gets the last CPU to itself and the trainers the others, so training
 * never disturbs a measurement. For the benchmarks the trainers answer from the NAS-Bench-201 table and the farm
 * replays one of its device columns. Closing stops everything, in the reverse order.
 */
public final class LocalDeployment implements AutoCloseable {

    public static final String BUCKET = "nas";
    private static final Duration READY = Duration.ofMinutes(3);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ServiceProcess> trainers = new ArrayList<>();
    private final String apiKey = UUID.randomUUID().toString();
    private KafkaBroker kafka;
    private S3Server s3;
    private ServiceProcess sampler;
    private ServiceProcess reward;
    private ServiceProcess latency;

    /**
     * What to start: the work directory, the number of trainers, the trainers' backend and settings, the latency
     * farm's device and the CPUs.
     */
    public record Plan(Path workDir, int trainers, Trainers trainer, Farm farm, CpuPlan cpus) {

        /** {@code ./nas local}: DJL training on the Fashion-MNIST files in {@code fashionMnist}, host-cpu latency. */
        public Plan(Path workDir, int trainers, Path fashionMnist, CpuPlan cpus) {
            this(workDir, trainers, new Trainers("-Xmx768m", Map.of(
                            "nas.trainer.djl.threads", Integer.toString(cpus.trainerThreads()),
                            "nas.trainer.djl.fashion-mnist", fashionMnist.toString())),
                    new Farm("host-cpu", Map.of("nas.device.probe", "host-cpu")), cpus);
        }

        /**
         * The search benchmarks: trainers answering from the NAS-Bench-201 table (sleeping {@code timeScale} seconds
         * per simulated training second), a farm replaying the table's {@code column} as device {@code deviceType}.
         */
        public static Plan nb201(Path workDir, int trainers, Path table, double timeScale, String deviceType,
                                 String column) {
            return new Plan(workDir, trainers, new Trainers("-Xmx256m", Map.of(
                            "nas.trainer.tabular.csv", table.toString(),
                            "nas.trainer.tabular.time-scale", Double.toString(timeScale))),
                    new Farm(deviceType, Map.of(
                            "nas.device.probe", "replay",
                            "nas.device.replay.file", table.toString(),
                            "nas.device.replay.column", column)),
                    new CpuPlan(null, null, 1));
        }
    }

    /** The trainers' heap and their backend's configuration. */
    public record Trainers(String heap, Map<String, String> config) {
    }

    /** The latency farm's device type and probe configuration. */
    public record Farm(String deviceType, Map<String, String> config) {
    }

    /** Which CPUs the trainers and the latency farm run on; null lists leave a process unpinned. */
    public record CpuPlan(String trainerCpus, String latencyCpus, int trainerThreads) {

        public static CpuPlan of(int cpus, int trainers, boolean canPin) {
            if (!canPin || cpus < 2) {
                return new CpuPlan(null, null, 1);
            }
            int trainerCpus = cpus - 1;
            String list = trainerCpus == 1 ? "0" : "0-" + (trainerCpus - 1);
            return new CpuPlan(list, Integer.toString(cpus - 1), Math.max(1, trainerCpus / trainers));
        }

        String describe() {
            return trainerCpus == null ? "not pinned to CPUs"
                    : "trainers on CPU " + trainerCpus + ", latency farm on CPU " + latencyCpus;
        }
    }

    public static LocalDeployment start(Plan plan, PrintWriter out) {
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
                    .jvmArgs(plan.trainer().heap(), "-XX:+UseSerialGC")
                    // oneDNN's AVX-512 kernels turn SGD to NaN on some CPUs; the latency farm keeps the best kernels.
                    .env("DNNL_MAX_CPU_ISA", System.getenv().getOrDefault("DNNL_MAX_CPU_ISA", "AVX2"))
                    .config("nas.trainer.id", "trainer-" + i)
                    .config(plan.trainer().config());
            if (cpus.trainerCpus() != null) {
                trainer.cpus(cpus.trainerCpus());
            }
            trainers.add(trainer.build());
        }
        String device = plan.farm().deviceType();
        ServiceProcess.Builder farm = service(work, "latency-service", "latency-" + device, infra)
                .jvmArgs("-Xmx512m", "-XX:+UseSerialGC")
                .config("nas.device.type", device)
                .config("nas.device.id", device + "-1")
                .config(plan.farm().config());
        if (cpus.latencyCpus() != null) {
            farm.cpus(cpus.latencyCpus());
        }
        latency = farm.build();

        List<ServiceProcess> services = new ArrayList<>(List.of(reward, sampler));
        services.addAll(trainers);
        services.add(latency);
        step(out, "the services: sampler, reward, " + trainers.size() + " trainer(s), a " + device
                + " latency farm (" + cpus.describe() + ")");
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

    public String apiKey() {
        return apiKey;
    }

    public String samplerUrl() {
        return sampler.baseUrl();
    }

    public String rewardUrl() {
        return reward.baseUrl();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public S3Server s3() {
        return s3;
    }

    /** Where the S3 server keeps an object of the bucket on disk (s3proxy's file-system backend). */
    public Path objectFile(String key) {
        return s3.workDir().resolve("data").resolve(BUCKET).resolve(key);
    }

    /**
     * Stops the services first (SIGTERM), then the database, the S3 server and the broker. Synchronized: on Ctrl-C the
     * shutdown hook and the interrupted command both close.
     */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop " + started.get(i) + ": " + e.getMessage());
            }
        }
        started.clear();
    }

    public static boolean canPin() {
        return Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
    }
}
