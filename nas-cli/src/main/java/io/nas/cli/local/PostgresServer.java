package io.nas.cli.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine's PostgreSQL on 127.0.0.1:5432, started with pg_ctlcluster when it is down. */
public final class PostgresServer {

    private PostgresServer() {
    }

    public static boolean ensureRunning(PrintWriter out) throws InterruptedException {
        if (answers()) {
            return true;
        }
        Path clusters = Path.of("/etc/postgresql");
        try (var versions = Files.list(clusters)) {
            for (Path version : versions.toList()) {
                out.printf(Locale.ROOT, "  PostgreSQL is down; starting cluster %s/main...%n", version.getFileName());
                out.flush();
                new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version.getFileName().toString(),
                        "main", "start").inheritIO().start().waitFor();
            }
        } catch (IOException e) {
            return false;
        }
        for (int i = 0; i < 30 && !answers(); i++) {
            Thread.sleep(1000);
        }
        return answers();
    }

    private static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
