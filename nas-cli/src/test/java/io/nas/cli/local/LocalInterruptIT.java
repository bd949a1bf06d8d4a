package io.nas.cli.local;

import io.nas.launcher.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Ctrl-C of a real {@code ./nas local} leaves nothing behind: the packaged command line runs as its own process (as
 * the {@code nas} script execs it), is interrupted with SIGINT once its experiment is being followed, and afterwards
 * none of the broker, S3 server and service processes it started is alive, no process on the machine runs on its
 * work directory, and its database is dropped.
 */
class LocalInterruptIT {

    private static final Duration FOLLOWING = Duration.ofMinutes(4);
    private static final Duration EXIT = Duration.ofSeconds(90);
    private static final Duration GONE = Duration.ofSeconds(10);
    /** Broker, S3 server, sampler, reward, one trainer, one latency farm. */
    private static final int CHILDREN = 6;
    private static final int SIGINT_EXIT = 128 + 2;
    private static final Pattern DATABASE = Pattern.compile("PostgreSQL database (nas_local_[a-z0-9_]+) created");
    private static final Pattern PROGRESS = Pattern.compile("\\[\\d+:\\d\\d] \\d+/2 trials done");

    @TempDir
    Path temp;

    private Process nas;
    private final List<ProcessHandle> recorded = new ArrayList<>();
    private String database;

    @Test
    void ctrlCOfALocalRunStopsEveryProcessItStartedAndDropsItsDatabase() throws Exception {
        Path root = ServiceProcess.repoRoot();
        Path jar = root.resolve("nas-cli/target/nas-cli.jar");
        assertThat(jar).as("built by mvn package before the integration tests").isRegularFile();
        for (String service : List.of("sampler-service", "trainer-service", "latency-service", "reward-service")) {
            assertThat(root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"))
                    .as("build it with: mvn -o -q install -DskipTests -pl " + service + " -am").isRegularFile();
        }
        Path work = temp.resolve("work");
        Path output = temp.resolve("nas-local.out");

        List<String> command = new ArrayList<>();
        if (sigintIgnored(ProcessHandle.current().pid())) {
            // Started in the background (nohup, `cmd &` without job control) SIGINT is ignored and stays ignored
            // across exec: the JVM would then never see Ctrl-C. A terminal's foreground command does see it.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dnas.repo.root=" + root, "-jar", jar.toString(),
                "local", "--trials", "2", "--stages", "1", "--train-examples", "512", "--strategy", "random",
                "--work-dir", work.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("DNNL_MAX_CPU_ISA", System.getenv().getOrDefault("DNNL_MAX_CPU_ISA", "AVX2"));
        long begin = System.nanoTime();
        nas = builder.start();
        long pid = nas.pid();

        // Following: every child has been started and answered ready.
        long deadline = System.nanoTime() + FOLLOWING.toNanos();
        while (!(contains(output, "experiment ") && contains(output, " created;") && matches(output, PROGRESS))) {
            if (!nas.isAlive()) {
                fail("nas local exited with " + nas.exitValue() + " before following its experiment:\n"
                        + tail(output, 60));
            }
            if (System.nanoTime() > deadline) {
                fail("nas local did not follow its experiment within " + FOLLOWING + ":\n" + tail(output, 60));
            }
            Thread.sleep(1000);
        }
        database = find(output, DATABASE).orElse(null);
        assertThat(database).as("the database named in the output:\n" + tail(output, 60)).isNotNull();
        assertThat(databaseExists(database)).as(database + " while running").isTrue();
        assertThat(sigintIgnored(pid)).as("nas local (pid " + pid + ") ignores SIGINT").isFalse();

        recorded.addAll(nas.descendants().toList());
        assertThat(recorded).as(describe(recorded)).hasSizeGreaterThanOrEqualTo(CHILDREN)
                .allMatch(ProcessHandle::isAlive);
        System.out.printf(Locale.ROOT, "LocalInterruptIT: following after %d s; %d descendants:%n%s%n",
                seconds(begin), recorded.size(), describe(recorded));

        // What a terminal's Ctrl-C does to the command the nas script execs.
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -INT " + pid).isTrue();
        long interrupted = System.nanoTime();

        assertThat(nas.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("nas local exits within " + EXIT + " of SIGINT:\n" + tail(output, 40)).isTrue();
        System.out.printf(Locale.ROOT, "LocalInterruptIT: exited with %d %d s after SIGINT%n", nas.exitValue(),
                seconds(interrupted));
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(out).contains("interrupted; stopping everything");
        assertThat(nas.exitValue()).as("exit code after SIGINT:\n" + tail(output, 40)).isEqualTo(SIGINT_EXIT);

        assertThat(eventually(() -> recorded.stream().filter(ProcessHandle::isAlive).toList()))
                .as("processes started by nas local still alive " + GONE + " after it exited").isEmpty();
        assertThat(eventually(() -> onWorkDir(work)))
                .as("processes whose command line or working directory is under " + work).isEmpty();
        assertThat(databaseExists(database)).as("database " + database + " after Ctrl-C").isFalse();
    }

    /** Whatever a failed run left: killed, and its database dropped. */
    @AfterEach
    void leaveNothingBehind() {
        List<ProcessHandle> left = new ArrayList<>(recorded);
        if (nas != null) {
            left.addAll(nas.descendants().toList());
            left.add(nas.toHandle());
        }
        left.addAll(onWorkDir(temp));
        left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (database != null) {
            try (Connection connection = postgres(); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("LocalInterruptIT: could not drop " + database + ": " + e.getMessage());
            }
        }
    }

    /** Live processes with {@code dir} in their command line or their working directory under it. */
    private static List<ProcessHandle> onWorkDir(Path dir) {
        String path = dir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(process -> process.info().commandLine().map(line -> line.contains(path)).orElse(false)
                        || workingDirectory(process.pid()).map(cwd -> cwd.startsWith(path)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private static Optional<String> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** SigIgn of /proc/PID/status has bit 1 (signal 2) set. */
    private static boolean sigintIgnored(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    /** The list {@code what} gives once it is empty, or after {@link #GONE}. */
    private static List<ProcessHandle> eventually(Supplier<List<ProcessHandle>> what) throws InterruptedException {
        long deadline = System.nanoTime() + GONE.toNanos();
        List<ProcessHandle> left = what.get();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            left = what.get();
        }
        return left;
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (Connection connection = postgres();
             PreparedStatement query = connection.prepareStatement("select datname from pg_database where datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Connection postgres() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:5432/postgres", properties);
    }

    private static String describe(List<ProcessHandle> processes) {
        StringBuilder text = new StringBuilder();
        for (ProcessHandle process : processes) {
            String line = process.info().commandLine().orElse("?");
            text.append("  ").append(process.pid()).append(' ')
                    .append(line.length() > 160 ? line.substring(0, 160) + "..." : line).append('\n');
        }
        return text.toString();
    }

    private static boolean contains(Path file, String text) throws IOException {
        return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text);
    }

    private static boolean matches(Path file, Pattern pattern) throws IOException {
        return Files.isRegularFile(file) && pattern.matcher(Files.readString(file, StandardCharsets.UTF_8)).find();
    }

    private static Optional<String> find(Path file, Pattern pattern) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
