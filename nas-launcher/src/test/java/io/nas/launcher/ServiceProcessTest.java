package io.nas.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceProcessTest {

    private static final Duration READY = Duration.ofSeconds(20);

    private ServiceProcess service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void startsKillsRestartsAndStops() throws Exception {
        service = ServiceProcess.command(TinyService.javaArgs())
                .config("greeting", "hello")
                .env("TINY_ENV", "from-env")
                .jvmArgs("-Xmx32m", "-XX:+UseSerialGC")
                .build();

        service.start().awaitReady(READY);
        assertThat(get(service.baseUrl() + "/q/health/ready"))
                .contains("\"greeting\":\"hello\"").contains("\"env\":\"from-env\"");
        service.awaitStarted(READY);
        int port = service.httpPort();
        long firstPid = service.pid();

        service.kill();
        assertThat(service.isAlive()).isFalse();
        assertThat(service.exitCode()).isEqualTo(137);

        service.restart().awaitReady(READY);
        assertThat(service.httpPort()).isEqualTo(port);
        assertThat(service.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(service.pid()).isNotEqualTo(firstPid);

        service.restart().awaitReady(READY);

        service.stop();
        assertThat(service.isAlive()).isFalse();
        assertThat(service.exitCode()).isIn(0, 143);
        // Restarts append to the log: three starts, three lines.
        assertThat(service.logTail(20).lines().filter(line -> line.startsWith("tiny service listening")))
                .hasSize(3);
    }

    @Test
    void awaitReadyFailsFastWithTheLogWhenTheProcessExits() {
        service = ServiceProcess.command(TinyService.javaArgs()).config("fail", "true").build();

        long started = System.nanoTime();
        assertThatThrownBy(() -> service.start().awaitReady(READY))
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("tiny service refuses to start");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(READY);
    }

    @Test
    void aModuleWithoutItsJarSaysHowToBuildIt() {
        assertThat(ServiceProcess.repoRoot().resolve("test-support")).isDirectory();
        assertThatThrownBy(() -> ServiceProcess.builder("no-such-service").build())
                .hasMessageContaining("no-such-service/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("mvn -o -q package -DskipTests -pl no-such-service -am");
    }

    @Test
    void childrenDieWithTheirParentEvenWhenItIsKilled() throws Exception {
        Path classes = Path.of(ForkedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(OrphanParentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path workDir = Files.createTempDirectory("nas-orphan-");
        Process parent = new ProcessBuilder(ForkedJvm.javaExecutable(), "-Xmx32m",
                "-cp", classes + java.io.File.pathSeparator + testClasses,
                OrphanParentMain.class.getName(), TinyService.classes().toString(), workDir.toString())
                .redirectErrorStream(true).start();
        long childPid;
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream())).readLine();
            assertThat(line).startsWith("child ");
            childPid = Long.parseLong(line.substring("child ".length()));
            assertThat(ProcessHandle.of(childPid)).isPresent();
        } finally {
            parent.destroyForcibly();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as("child %d still alive after its parent died", childPid)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        ForkedJvm.deleteRecursively(workDir);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
