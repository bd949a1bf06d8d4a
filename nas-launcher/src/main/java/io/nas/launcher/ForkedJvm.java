package io.nas.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * One child JVM with its output in a log file. A shutdown hook kills it when this JVM exits, and the
 * {@link ExitWithParent} agent makes it exit by itself when this JVM is killed.
 */
final class ForkedJvm {

    private static final long TAIL_BYTES = 64 * 1024;
    private static Path agentJar;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ForkedJvm(String name, Process process, Path logFile, Thread shutdownHook) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = shutdownHook;
    }

    /** The java launcher of the running JVM, so children use the same Java version. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code java <jvmAndProgramArgs>} in {@code workingDir}, stdout and stderr to {@code logFile}.
     * {@code appendLog} keeps what an earlier run of the same program wrote (restarts). {@code scratchDir}, if
     * not null, is deleted by the shutdown hook once the process is gone.
     */
    static ForkedJvm start(String name, List<String> jvmAndProgramArgs, Path workingDir, Path logFile,
                           Map<String, String> env, boolean appendLog, Path scratchDir) {
        return start(name, List.of(), jvmAndProgramArgs, workingDir, logFile, env, appendLog, scratchDir);
    }

    /** As above, the JVM started through {@code launcher} (such as {@code taskset -c 1}), which must exec it. */
    static ForkedJvm start(String name, List<String> launcher, List<String> jvmAndProgramArgs, Path workingDir,
                           Path logFile, Map<String, String> env, boolean appendLog, Path scratchDir) {
        List<String> command = new ArrayList<>(launcher);
        command.add(javaExecutable());
        command.add("-javaagent:" + agentJar());
        command.addAll(jvmAndProgramArgs);
        try {
            Files.createDirectories(workingDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            if (!appendLog) {
                Files.deleteIfExists(logFile);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            // stdin stays a pipe that this JVM never writes to: ExitWithParent watches it.
            Process process = builder.start();
            Thread hook = new Thread(() -> {
                destroyTree(process);
                if (scratchDir != null) {
                    deleteRecursively(scratchDir);
                }
            }, "stop-" + name);
            Runtime.getRuntime().addShutdownHook(hook);
            return new ForkedJvm(name, process, logFile, hook);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Runs a short-lived JVM to completion, its output in {@code logFile}; fails with that output when it fails. */
    static void runToCompletion(String name, List<String> jvmAndProgramArgs, Path workingDir, Path logFile,
                                Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmAndProgramArgs);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + timeout + ":\n" + tail(logFile, 40));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + ":\n"
                        + tail(logFile, 40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + name, e);
        }
    }

    Process process() {
        return process;
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL if the process has not exited within {@code grace}. Returns the exit code. */
    int stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        forgetHook();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGKILL, as a crash would. Returns the exit code. */
    int kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forgetHook();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Fails with the log tail when the process has exited. */
    void checkAlive(String whileDoing) {
        if (!process.isAlive()) {
            throw new ExitedEarly(name + " exited with code " + process.exitValue() + " while "
                    + whileDoing + "; last lines of " + logFile + ":\n" + tail(40));
        }
    }

    String tail(int lines) {
        return tail(logFile, lines);
    }

    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, raf.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (raf.length() - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** The child exited on its own, for example because a port it wanted was taken meanwhile. */
    static final class ExitedEarly extends IllegalStateException {
        ExitedEarly(String message) {
            super(message);
        }
    }

    private void forgetHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; nothing to forget.
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Path createTempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temp directory", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a temp directory left behind is not worth failing a test run.
        }
    }

    /**
     * A jar holding only {@link ExitWithParent}, in the temp directory under a name derived from its content, so
     * that every JVM, even one that is killed, reuses the same file instead of leaving its own behind.
     */
    static synchronized Path agentJar() {
        if (agentJar != null && Files.isRegularFile(agentJar)) {
            return agentJar;
        }
        String entry = ExitWithParent.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ForkedJvm.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalStateException("Class file " + entry + " not found on the class path");
            }
            byte[] classBytes = in.readAllBytes();
            CRC32 crc = new CRC32();
            crc.update(classBytes);
            Path jar = Path.of(System.getProperty("java.io.tmpdir"),
                    "nas-exit-with-parent-" + Long.toHexString(crc.getValue()) + ".jar");
            if (!Files.isRegularFile(jar)) {
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ExitWithParent.class.getName());
                Path partial = Files.createTempFile(jar.getParent(), "nas-exit-with-parent-", ".partial");
                try (OutputStream out = Files.newOutputStream(partial);
                     JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                    jarOut.putNextEntry(new JarEntry(entry));
                    jarOut.write(classBytes);
                    jarOut.closeEntry();
                }
                // Atomic, so that a JVM starting at the same moment never sees half a jar.
                Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            agentJar = jar;
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the exit-with-parent agent jar", e);
        }
    }

    /**
     * Records a shared server in the system properties, which every class loader of the JVM sees: Quarkus tests
     * can load this library in several class loaders, each with its own static fields, yet one server must do.
     */
    static void publishShared(String key, long pid, String... fields) {
        List<String> values = new ArrayList<>();
        values.add(Long.toString(pid));
        values.addAll(Arrays.asList(fields));
        System.setProperty(key, String.join("\n", values));
    }

    /** The fields of a shared server published by another class loader, if its process is still alive. */
    static List<String> lookupShared(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            return null;
        }
        List<String> values = Arrays.asList(value.split("\n"));
        boolean alive = ProcessHandle.of(Long.parseLong(values.get(0))).map(ProcessHandle::isAlive).orElse(false);
        return alive ? values : null;
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Reads a class-path file that test-infra puts on the class path. */
    static String classPathResource(String resource) {
        try (InputStream in = ForkedJvm.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path: add io.nas:test-infra "
                        + "(with an exclusion of *:*) and build it with: mvn -o -q install -pl test-infra");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
