package io.nas.charts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a service can be configured with, read from its sources: the keys of its application.properties and of the
 * {@code @ConfigMapping} interfaces it and the libraries it builds on declare. The chart's environment variables must
 * name one of these keys, or the service silently ignores them.
 */
final class ServiceConfiguration {

    /** The libraries whose configuration mappings every service has. */
    private static final List<String> SHARED_MODULES = List.of("nas-service-kit", "nas-outbox");

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD = Pattern.compile("([\\w.<>?,\\s]+?)\\s+(\\w+)\\(\\s*\\)\\s*;");

    private final Properties properties;
    private final Set<String> keys;

    private ServiceConfiguration(Properties properties, Set<String> keys) {
        this.properties = properties;
        this.keys = keys;
    }

    static Path repository() {
        return Path.of(System.getProperty("nas.repo.dir", "..")).toAbsolutePath().normalize();
    }

    /** The service of a chart component: sampler, trainer, latency or reward. */
    static ServiceConfiguration of(String component) {
        Path module = repository().resolve(component + "-service");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = new TreeSet<>();
        properties.stringPropertyNames().forEach(key -> keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key));
        Stream.concat(Stream.of(module), SHARED_MODULES.stream().map(repository()::resolve))
                .forEach(dir -> keys.addAll(mappingKeys(dir.resolve("src/main/java"))));
        return new ServiceConfiguration(properties, keys);
    }

    /** The property an environment variable sets, as SmallRye Config maps it (non-alphanumerics to _, upper case). */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    boolean acceptsEnvironment(String name) {
        return keys.stream().anyMatch(key -> environmentName(key).equals(name));
    }

    String property(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("No " + key + " in the application.properties");
        }
        return value;
    }

    List<String> listProperty(String key) {
        return Arrays.stream(property(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    Set<String> keys() {
        return keys;
    }

    private static Set<String> mappingKeys(Path sources) {
        if (!Files.isDirectory(sources)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(ServiceConfiguration::read)
                    .filter(source -> source.contains("@ConfigMapping"))
                    .flatMap(source -> mappingKeysOf(source).stream())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys of one mapping: each method a key (kebab case), a method returning a nested interface a group. */
    static Set<String> mappingKeysOf(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "")
                .replaceAll("@\\w+(\\([^)]*\\))?", "");
        Matcher prefix = PREFIX.matcher(source);
        if (!prefix.find()) {
            return Set.of();
        }
        Matcher top = INTERFACE.matcher(code);
        if (!top.find()) {
            return Set.of();
        }
        Set<String> keys = new TreeSet<>();
        collect(body(code, top.end()), prefix.group(1), keys);
        return keys;
    }

    private static void collect(String body, String prefix, Set<String> keys) {
        Map<String, String> nested = new HashMap<>();
        StringBuilder flat = new StringBuilder();
        Matcher inner = INTERFACE.matcher(body);
        int at = 0;
        while (inner.find(at)) {
            String nestedBody = body(body, inner.end());
            nested.put(inner.group(1), nestedBody);
            flat.append(body, at, inner.start());
            at = inner.end() + nestedBody.length() + 1;
        }
        flat.append(body.substring(at));
        Map<String, String> methods = new LinkedHashMap<>();
        Matcher method = METHOD.matcher(flat);
        while (method.find()) {
            methods.put(method.group(2), method.group(1).strip());
        }
        methods.forEach((name, type) -> {
            String key = prefix + "." + kebab(name);
            String simpleType = type.replaceAll(".*\\s", "").replaceAll("<.*", "");
            if (nested.containsKey(simpleType)) {
                collect(nested.get(simpleType), key, keys);
            } else {
                keys.add(key);
            }
        });
    }

    /** The text inside the braces that open just before {@code start}. */
    private static String body(String code, int start) {
        int depth = 1;
        for (int i = start; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return code.substring(start, i);
            }
        }
        throw new IllegalArgumentException("Unbalanced braces");
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
