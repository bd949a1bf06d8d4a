package io.nas.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A service as production runs it: the packaged Quarkus app ({@code quarkus-run.jar}) in its own JVM, configured
 * through {@code -Dkey=value} system properties, stopped by SIGTERM, crashed by SIGKILL, restarted on the same
 * port. Not thread-safe: one test drives one process.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final String REPO_ROOT_PROPERTY = "nas.repo.root";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final List<String> command;
    private final List<String> launcher;
    private final Map<String, String> env;
    private final int httpPort;
    private final Path workDir;
    private final Path logFile;
    private final Duration stopTimeout;
    private final boolean temporaryWorkDir;
    private ForkedJvm jvm;
    private long startedAt;

    private ServiceProcess(Builder builder, int httpPort, Path workDir, Path logFile, boolean temporaryWorkDir) {
        this.name = builder.name;
        this.temporaryWorkDir = temporaryWorkDir;
        this.httpPort = httpPort;
        this.workDir = workDir;
        this.logFile = logFile;
        this.stopTimeout = builder.stopTimeout;
        this.env = Map.copyOf(builder.env);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.host", "127.0.0.1");
        config.putAll(builder.config);
        config.put("quarkus.http.port", Integer.toString(httpPort));
        List<String> args = new ArrayList<>(builder.jvmArgs);
        config.forEach((key, value) -> args.add("-D" + key + "=" + value));
        args.addAll(builder.launchArgs());
        this.command = List.copyOf(args);
        this.launcher = builder.cpus == null ? List.of() : List.of("taskset", "-c", builder.cpus);
    }

    /** A service module of this repository, run from {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public static Builder builder(String module) {
        return new Builder(module, module, null);
    }

    /**
     * Any Java program that serves Quarkus-style health endpoints; {@code javaArgs} follow the JVM options,
     * e.g. {@code List.of("-cp", classes, "com.example.Main")} or {@code List.of("-jar", jar)}.
     */
    public static Builder command(List<String> javaArgs) {
        return new Builder(null, "java-process", List.copyOf(javaArgs));
    }

    /** The repository root: system property {@code nas.repo.root}, else the nearest directory upwards whose pom is nas-parent. */
    public static Path repoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isParentPom(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No directory above " + Path.of("").toAbsolutePath()
                + " holds the nas-parent pom.xml; set -D" + REPO_ROOT_PROPERTY + "=<repository root>");
    }

    private static boolean isParentPom(Path pom) {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            // A module's pom names nas-parent too, inside <parent>; only the root's own artifactId counts.
            String withoutParent = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
            return withoutParent.contains("<artifactId>nas-parent</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the JVM; does not wait for it, see {@link #awaitReady(Duration)}. */
    public ServiceProcess start() {
        return start(false);
    }

    private ServiceProcess start(boolean appendLog) {
        if (jvm != null && jvm.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + jvm.process().pid() + ")");
        }
        startedAt = System.nanoTime();
        jvm = ForkedJvm.start(name + "-" + httpPort, launcher, command, workDir, logFile, env, appendLog, null);
        return this;
    }

    /** Waits until {@code GET /q/health/ready} answers 200. */
    public ServiceProcess awaitReady(Duration timeout) {
        return awaitHealth("/q/health/ready", timeout);
    }

    /** Waits until {@code GET /q/health/started} answers 200. */
    public ServiceProcess awaitStarted(Duration timeout) {
        return awaitHealth("/q/health/started", timeout);
    }

    private ServiceProcess awaitHealth(String path, Duration timeout) {
        ForkedJvm running = requireStarted();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (true) {
            running.checkAlive("waiting for " + path);
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    System.out.printf("%s (pid %d) %s on %s after %d ms%n", name, pid(), path, baseUrl(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
                    return this;
                }
                lastAnswer = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " on " + baseUrl() + path + " not 200 within " + timeout
                        + " (last answer: " + lastAnswer + "); last lines of " + logFile + ":\n" + logTail(60));
            }
            ForkedJvm.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Graceful stop: SIGTERM, then SIGKILL if the process is still there after the stop timeout. */
    public void stop() {
        if (jvm != null && jvm.isAlive()) {
            long pid = jvm.process().pid();
            System.out.printf("%s (pid %d) stopped with SIGTERM: exit code %d%n", name, pid, jvm.stop(stopTimeout));
        }
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() {
        if (jvm != null && jvm.isAlive()) {
            long pid = jvm.process().pid();
            System.out.printf("%s (pid %d) killed with SIGKILL: exit code %d%n", name, pid, jvm.kill());
        }
    }

    /** Stops the process if it runs and starts it again with the same configuration and port. */
    public ServiceProcess restart() {
        stop();
        return start(jvm != null);
    }

    public boolean isAlive() {
        return jvm != null && jvm.isAlive();
    }

    public long pid() {
        return requireStarted().process().pid();
    }

    /** The exit code of the last run: 143 after SIGTERM, 137 after SIGKILL, unless the program chose another. */
    public int exitCode() {
        ForkedJvm last = requireStarted();
        if (last.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + last.process().pid() + ")");
        }
        return last.process().exitValue();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path logFile() {
        return logFile;
    }

    public String logTail(int lines) {
        return ForkedJvm.tail(logFile, lines);
    }

    /** Whether any line of the log so far contains {@code text} (a tail can be all native warnings). */
    public boolean logContains(String text) {
        try (var lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The JVM command line after {@code java}, for logs and error messages. */
    public List<String> commandLine() {
        return command;
    }

    /** Stops the process; a temp working directory chosen by the builder is deleted with its log. */
    @Override
    public void close() {
        stop();
        if (temporaryWorkDir) {
            ForkedJvm.deleteRecursively(workDir);
        }
    }

    @Override
    public String toString() {
        return name + " on " + baseUrl();
    }

    private ForkedJvm requireStarted() {
        if (jvm == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return jvm;
    }

    /** Configuration of a {@link ServiceProcess}; every option has a default. */
    public static final class Builder {

        private final String module;
        private final String name;
        private final List<String> javaArgs;
        private final Map<String, String> config = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private List<String> jvmArgs = List.of("-Xmx384m", "-XX:+UseSerialGC");
        private Integer httpPort;
        private Path workDir;
        private Path logFile;
        private Duration stopTimeout = Duration.ofSeconds(10);
        private String cpus;

        private Builder(String module, String name, List<String> javaArgs) {
            this.module = module;
            this.name = name;
            this.javaArgs = javaArgs;
        }

        /** A configuration property, passed as {@code -Dkey=value}: it overrides application.properties and the environment. */
        public Builder config(String key, String value) {
            config.put(Objects.requireNonNull(key), Objects.requireNonNull(value, key));
            return this;
        }

        public Builder config(Map<String, String> properties) {
            properties.forEach(this::config);
            return this;
        }

        /** An environment variable added to the ones this JVM has. */
        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name), Objects.requireNonNull(value, name));
            return this;
        }

        /** Default: a free port, kept across restarts. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Replaces the default JVM options {@code -Xmx384m -XX:+UseSerialGC}. */
        public Builder jvmArgs(String... args) {
            this.jvmArgs = List.copyOf(Arrays.asList(args));
            return this;
        }

        /**
         * The working directory; default {@code <module>/target/service-process/<port>}, or for
         * {@link ServiceProcess#command(List)} a temp directory deleted by {@link ServiceProcess#close()}.
         */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Default: {@code service.log} in the working directory. Restarts append to it. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** How long {@link ServiceProcess#stop()} waits after SIGTERM before SIGKILL; default 10 s. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * Pins the process to these CPUs ({@code taskset -c}, e.g. {@code "1"} or {@code "0,2-3"}), so that training
         * and latency measurement on one machine do not disturb each other. Default: any CPU.
         */
        public Builder cpus(String cpuList) {
            this.cpus = Objects.requireNonNull(cpuList);
            return this;
        }

        /** Fails at once if the module's jar is missing, naming the command that builds it. */
        public ServiceProcess build() {
            launchArgs();
            int port = httpPort != null ? httpPort : FreePort.pick();
            Path dir = workDir;
            boolean temporary = false;
            if (dir == null && module != null) {
                // Inside target/, so that CI keeps the log of a failed test and `mvn clean` removes it.
                dir = repoRoot().resolve(module).resolve("target/service-process/" + port);
            } else if (dir == null) {
                dir = ForkedJvm.createTempDir("nas-service-");
                temporary = true;
            }
            Path log = logFile != null ? logFile : dir.resolve("service.log");
            return new ServiceProcess(this, port, dir.toAbsolutePath(), log.toAbsolutePath(), temporary);
        }

        private List<String> launchArgs() {
            if (javaArgs != null) {
                return javaArgs;
            }
            Path root = repoRoot();
            Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist; build it with: cd " + root
                        + " && mvn -o -q package -DskipTests -pl " + module + " -am");
            }
            return List.of("-jar", jar.toString());
        }
    }
}
