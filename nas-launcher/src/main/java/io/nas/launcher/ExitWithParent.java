package io.nas.launcher;

import java.io.IOException;
import java.io.InputStream;

/**
 * Java agent put on every forked JVM: the child exits when its standard input reaches end of file, which
 * happens when the parent dies, even by SIGKILL, where the parent's shutdown hooks never run.
 * Self-contained on purpose: {@link ForkedJvm} copies this one class into a small agent jar.
 */
public final class ExitWithParent {

    private static final long HALT_AFTER_MS = 10_000;
    /**
     * The status of a JVM ended by SIGTERM. {@code Process.destroy()} sends SIGTERM and closes the pipe at once,
     * so both paths race to exit: the same status keeps the exit code of a graceful stop predictable.
     */
    private static final int TERMINATED = 143;

    private ExitWithParent() {
    }

    public static void premain(String args) {
        Thread watcher = new Thread(ExitWithParent::watchStdin, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watchStdin() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything that arrives is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of file: the parent is gone.
        }
        Thread halter = new Thread(ExitWithParent::haltLater, "exit-with-parent-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(TERMINATED);
    }

    /** Shutdown hooks of the child get a bounded time: a hanging one must not keep an orphan alive. */
    private static void haltLater() {
        try {
            Thread.sleep(HALT_AFTER_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(TERMINATED);
    }
}
