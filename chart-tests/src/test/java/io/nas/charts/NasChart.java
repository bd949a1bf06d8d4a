package io.nas.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** charts/nas, linted and rendered by real Helm (helm-java's bundled native Helm). */
final class NasChart {

    static final String RELEASE = "nas";
    static final String NAMESPACE = "nas-test";

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path dir;

    private NasChart(Path dir) {
        this.dir = dir;
    }

    static NasChart load() {
        Path dir = Path.of(System.getProperty("nas.chart.dir", "../charts/nas")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("No chart at " + dir);
        }
        return new NasChart(dir);
    }

    Path dir() {
        return dir;
    }

    /** {@code helm template nas charts/nas -n nas-test [-f values] [--set k=v ...]}: the rendered manifests. */
    String render(Path valuesFile, Map<String, String> sets) {
        var template = new Helm(dir).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        sets.forEach(template::set);
        return template.call();
    }

    /** What {@code helm install --dry-run=client} prints, NOTES.txt included. */
    String installOutput(Path valuesFile) {
        var install = new Helm(dir).install().withName(RELEASE).withNamespace(NAMESPACE).dryRun().clientOnly();
        if (valuesFile != null) {
            install.withValuesFile(valuesFile);
        }
        return install.call().getOutput();
    }

    /**
     * {@code helm lint --strict} with these values on top of the chart's own. helm-java's lint takes no values file, so
     * it lints a copy of the chart whose values.yaml is the chart's merged with the override (maps merged, the rest
     * replaced, as Helm merges).
     */
    LintResult lint(Path valuesFile) {
        if (valuesFile == null) {
            return new Helm(dir).lint().strict().call();
        }
        Path copy = copyWithValues(valuesFile);
        try {
            return new Helm(copy).lint().strict().call();
        } finally {
            deleteTree(copy.getParent());
        }
    }

    private Path copyWithValues(Path valuesFile) {
        try {
            Path copy = Files.createTempDirectory("nas-chart-").resolve(dir.getFileName());
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(dir.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Map<String, Object> merged = merge(readYaml(dir.resolve("values.yaml")), readYaml(valuesFile));
            Files.writeString(copy.resolve("values.yaml"), YAML.writeValueAsString(merged));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) {
        Map<String, Object> values = YAML.readValue(file.toFile(), Map.class);
        return values == null ? new LinkedHashMap<>() : values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object current = merged.get(key);
            if (current instanceof Map && value instanceof Map) {
                merged.put(key, merge((Map<String, Object>) current, (Map<String, Object>) value));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
