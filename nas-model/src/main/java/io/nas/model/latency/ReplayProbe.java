package io.nas.model.latency;

import io.nas.contract.event.LatencyMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code replay}: a recorded device farm. Answers from a CSV with one architecture per row (its canonical string in
 * an architecture column) and one latency column per device, e.g. the NAS-Bench-201 {@code search.csv} with
 * {@code pixel3_ms} or {@code raspi4_ms}. Fields may be double-quoted (MnasNet block strings contain commas). A
 * {@code runs} column, if present, gives the run count behind each figure; otherwise 1.
 */
public final class ReplayProbe implements LatencyProbe {

    public static final String DEVICE_TYPE = "replay";
    /** Architecture columns looked for, in this order, when none is named. */
    public static final List<String> ARCHITECTURE_COLUMNS = List.of("arch_str", "architecture", "arch", "canonical");

    private final Path file;
    private final String column;
    private final Map<String, Double> latencies;
    private final Map<String, Integer> runs;

    private ReplayProbe(Path file, String column, Map<String, Double> latencies, Map<String, Integer> runs) {
        this.file = file;
        this.column = column;
        this.latencies = latencies;
        this.runs = runs;
    }

    /** Reads {@code file} once, taking latencies from {@code column} and architectures from a usual column name. */
    public static ReplayProbe load(Path file, String column) {
        return load(file, null, column);
    }

    /** Reads {@code file} once; {@code architectureColumn} null picks the first of {@link #ARCHITECTURE_COLUMNS}. */
    public static ReplayProbe load(Path file, String architectureColumn, String column) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replay file " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("replay file " + file + " is empty");
        }
        List<String> header = fields(lines.get(0));
        String archName = architectureColumn != null ? architectureColumn
                : ARCHITECTURE_COLUMNS.stream().filter(header::contains).findFirst().orElse(null);
        int arch = archName == null ? -1 : header.indexOf(archName);
        int value = header.indexOf(column);
        if (arch < 0 || value < 0) {
            throw new IllegalArgumentException("replay file " + file + " needs an architecture column ("
                    + (architectureColumn != null ? architectureColumn : "one of " + ARCHITECTURE_COLUMNS)
                    + ") and the column '" + column + "'; it has " + header);
        }
        int runsColumn = header.indexOf("runs");
        Map<String, Double> latencies = new HashMap<>();
        Map<String, Integer> runs = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = fields(lines.get(i));
            if (row.size() <= Math.max(arch, value)) {
                throw new IllegalArgumentException("replay file " + file + " line " + (i + 1) + " has " + row.size()
                        + " fields, the header " + header.size());
            }
            String text = row.get(value).strip();
            if (text.isEmpty() || text.equalsIgnoreCase("nan")) {
                continue; // no record for this device: asking for it fails like a missing row
            }
            String key = row.get(arch).strip();
            latencies.put(key, Double.parseDouble(text));
            if (runsColumn >= 0 && runsColumn < row.size() && !row.get(runsColumn).isBlank()) {
                runs.put(key, Integer.parseInt(row.get(runsColumn).strip()));
            }
        }
        return new ReplayProbe(file, column, Map.copyOf(latencies), Map.copyOf(runs));
    }

    @Override
    public String deviceType() {
        return DEVICE_TYPE;
    }

    public Path file() {
        return file;
    }

    public String column() {
        return column;
    }

    /** How many architectures the file records for this column. */
    public int size() {
        return latencies.size();
    }

    @Override
    public LatencyMeasurement measure(ProbeRequest request) {
        Double ms = latencies.get(request.canonical().strip());
        if (ms == null) {
            throw new ProbeFailedException("architecture " + request.canonical() + " has no " + column
                    + " record in " + file);
        }
        return new LatencyMeasurement(ms, null, null, null, runs.getOrDefault(request.canonical().strip(), 1),
                LatencyMethod.REPLAYED);
    }

    /** The fields of one CSV line: comma-separated, double quotes around a field that holds commas or quotes. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
