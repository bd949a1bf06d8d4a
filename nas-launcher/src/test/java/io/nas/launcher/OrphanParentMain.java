package io.nas.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A parent JVM for the orphan test: forks the tiny service, prints its pid, then waits to be killed. */
public final class OrphanParentMain {

    private OrphanParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path workDir = Path.of(args[1]);
        ForkedJvm child = ForkedJvm.start("orphan", List.of("-Xmx32m",
                        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + FreePort.pick(),
                        "-cp", args[0], TinyService.MAIN_CLASS),
                workDir, workDir.resolve("child.log"), Map.of(), false, null);
        System.out.println("child " + child.process().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
