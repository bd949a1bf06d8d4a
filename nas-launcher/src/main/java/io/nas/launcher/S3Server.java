package io.nas.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible object store: s3proxy over the local file system, in a forked JVM on 127.0.0.1.
 * Path-style requests, AWS signature v2 or v4.
 */
public final class S3Server implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/io/nas/testinfra/s3proxy.classpath";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final String SHARED_ACCESS_KEY = "nas-test-access";
    private static final String SHARED_SECRET_KEY = "nas-test-secret-key";
    private static final int SHARED_START_ATTEMPTS = 3;
    private static final String SHARED_KEY = "io.nas.launcher.shared.s3";
    /** A string literal is one object in the whole JVM, whichever class loader loaded this class. */
    private static final Object SHARED_LOCK = "io.nas.launcher.S3Server.shared";

    private static S3Server shared;

    private final Path workDir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final long pid;
    /** Null for the shared server of another class loader, which owns the process. */
    private final ForkedJvm jvm;
    private final boolean temporary;

    private S3Server(Path workDir, int port, String accessKey, String secretKey, long pid, ForkedJvm jvm,
                     boolean temporary) {
        this.workDir = workDir;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.pid = pid;
        this.jvm = jvm;
        this.temporary = temporary;
    }

    /** Starts s3proxy with its buckets under {@code workDir/data} and its log in {@code workDir/s3proxy.log}. */
    public static S3Server start(Path workDir, int port, String accessKey, String secretKey) {
        return start(workDir, port, accessKey, secretKey, false);
    }

    /** The S3 server of this JVM, on a free port and a temp directory; started on first use, never closed by tests. */
    public static synchronized S3Server shared() {
        synchronized (SHARED_LOCK) {
            if (shared != null && shared.isAlive()) {
                return shared;
            }
            List<String> published = ForkedJvm.lookupShared(SHARED_KEY);
            if (published != null) {
                shared = new S3Server(Path.of(published.get(2)), Integer.parseInt(published.get(1)),
                        SHARED_ACCESS_KEY, SHARED_SECRET_KEY, Long.parseLong(published.get(0)), null, false);
                return shared;
            }
            ForkedJvm.ExitedEarly lastFailure = null;
            for (int attempt = 0; attempt < SHARED_START_ATTEMPTS; attempt++) {
                Path dir = ForkedJvm.createTempDir("nas-s3-");
                try {
                    shared = start(dir, FreePort.pick(), SHARED_ACCESS_KEY, SHARED_SECRET_KEY, true);
                    ForkedJvm.publishShared(SHARED_KEY, shared.pid, Integer.toString(shared.port), dir.toString());
                    return shared;
                } catch (ForkedJvm.ExitedEarly e) {
                    // Most likely another process took the port in the meantime: retry on a new one.
                    lastFailure = e;
                    ForkedJvm.deleteRecursively(dir);
                }
            }
            throw lastFailure;
        }
    }

    private static S3Server start(Path workDir, int port, String accessKey, String secretKey, boolean temporary) {
        long startedAt = System.nanoTime();
        Path dataDir = workDir.resolve("data");
        Path properties = workDir.resolve("s3proxy.properties");
        String endpoint = "http://127.0.0.1:" + port;
        try {
            Files.createDirectories(dataDir);
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dataDir.toAbsolutePath(),
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the s3proxy work directory " + workDir, e);
        }
        List<String> args = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-cp", ForkedJvm.classPathResource(CLASSPATH_RESOURCE),
                "org.gaul.s3proxy.Main", "--properties", properties.toAbsolutePath().toString());
        ForkedJvm jvm = ForkedJvm.start("s3proxy-" + port, args, workDir, workDir.resolve("s3proxy.log"),
                Map.of(), false, temporary ? workDir : null);
        S3Server server = new S3Server(workDir, port, accessKey, secretKey, jvm.process().pid(), jvm, temporary);
        try {
            server.awaitHttp(startedAt + STARTUP_TIMEOUT.toNanos());
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        System.out.printf("s3proxy S3 server on %s up in %d ms%n",
                endpoint, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public Path workDir() {
        return workDir;
    }

    public Path logFile() {
        return workDir.resolve("s3proxy.log");
    }

    public boolean isAlive() {
        return ForkedJvm.isAlive(pid);
    }

    /** Stops the process; the shared server as seen from another class loader is left to the one that owns it. */
    public synchronized void stop() {
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

    /** Any HTTP answer will do: an unsigned request gets 403, which proves the S3 front end is serving. */
    private void awaitHttp(long deadlineNanos) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            jvm.checkAlive("starting");
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new IllegalStateException("s3proxy on " + endpoint() + " not answering HTTP within "
                            + STARTUP_TIMEOUT + " (" + e + "); last lines of " + jvm.logFile() + ":\n"
                            + jvm.tail(40));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for s3proxy", e);
            }
            ForkedJvm.sleep(50);
        }
    }
}
