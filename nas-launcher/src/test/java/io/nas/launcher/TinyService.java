package io.nas.launcher;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for a packaged service: a small HttpServer program with Quarkus' health paths, compiled into
 * {@code target/tiny-service} at test time so that it runs in its own JVM like a real service.
 */
final class TinyService {

    static final String MAIN_CLASS = "TinyServiceMain";

    private static final String SOURCE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class TinyServiceMain {
                public static void main(String[] args) throws Exception {
                    if (Boolean.getBoolean("fail")) {
                        System.out.println("tiny service refuses to start");
                        System.exit(3);
                    }
                    int port = Integer.getInteger("quarkus.http.port");
                    String host = System.getProperty("quarkus.http.host");
                    String body = "{\\"status\\":\\"UP\\",\\"greeting\\":\\"" + System.getProperty("greeting")
                            + "\\",\\"env\\":\\"" + System.getenv("TINY_ENV") + "\\"}";
                    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
                    for (String path : new String[] {"/q/health/ready", "/q/health/started"}) {
                        server.createContext(path, exchange -> {
                            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                            exchange.sendResponseHeaders(200, bytes.length);
                            exchange.getResponseBody().write(bytes);
                            exchange.close();
                        });
                    }
                    server.start();
                    System.out.println("tiny service listening on " + host + ":" + port);
                }
            }
            """;

    private TinyService() {
    }

    /** Compiles the program once per test JVM; returns its class directory. */
    static synchronized Path classes() {
        Path dir = Path.of("target", "tiny-service").toAbsolutePath();
        Path classes = dir.resolve("classes");
        if (Files.isRegularFile(classes.resolve(MAIN_CLASS + ".class"))) {
            return classes;
        }
        try {
            Files.createDirectories(classes);
            Path source = dir.resolve(MAIN_CLASS + ".java");
            Files.writeString(source, SOURCE);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            int result = compiler.run(null, null, null, "-d", classes.toString(), source.toString());
            if (result != 0) {
                throw new IllegalStateException("javac failed with " + result);
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> javaArgs() {
        return List.of("-cp", classes().toString(), MAIN_CLASS);
    }
}
