package io.nas.cli.bench;

import io.nas.launcher.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The NAS-Bench-201 table the tabular trainer and the replay farm answer from
 * ({@code arch_index,arch_str,valid_acc_12ep,...}): here to name a returned cell by its official index. By default {@code shared/bench/nb201/search.csv} next to the
 * repository.
 */
final class Nb201Table {

    /** The tabular trainer's schedule: a trial costs 12 epochs' worth of training time. */
    private static final int TRAINING_EPOCHS = 12;

    private final Path file;
    private final Map<String, Integer> indexByCell;
    private final Map<String, Double> accuracyByCell;
    private final List<String> columns;
    private final double meanTrialSeconds;

    private Nb201Table(Path file, Map<String, Integer> indexByCell, Map<String, Double> accuracyByCell,
                       List<String> columns, double meanTrialSeconds) {
        this.file = file;
        this.indexByCell = indexByCell;
        this.accuracyByCell = accuracyByCell;
        this.columns = columns;
        this.meanTrialSeconds = meanTrialSeconds;
    }

    /** {@code shared/bench/nb201/search.csv} beside the repository root. */
    static Path defaultFile() {
        return ServiceProcess.repoRoot().resolveSibling("shared").resolve("bench").resolve("nb201").resolve("search.csv");
    }

    static Nb201Table read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no NAS-Bench-201 table at " + file + "; pass --table FILE");
        }
        List<String> lines = Files.readAllLines(file);
        List<String> columns = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(","));
        if (columns.size() < 3 || !columns.subList(0, 3).equals(List.of("arch_index", "arch_str", "valid_acc_12ep"))) {
            throw new IOException(file + " does not start with the columns arch_index,arch_str,valid_acc_12ep");
        }
        int epochSeconds = columns.indexOf("train_sec_per_epoch");
        Map<String, Integer> index = new HashMap<>();
        Map<String, Double> accuracy = new HashMap<>();
        double seconds = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            index.put(fields[1], Integer.parseInt(fields[0]));
            accuracy.put(fields[1], Double.parseDouble(fields[2]));
            seconds += epochSeconds < 0 ? Double.NaN : TRAINING_EPOCHS * Double.parseDouble(fields[epochSeconds]);
        }
        return new Nb201Table(file, index, accuracy, columns, seconds / index.size());
    }

    /**
     * The mean simulated training seconds of a trial over all cells (12 x {@code train_sec_per_epoch}); NaN without
     * that column.
     */
    double meanTrialSeconds() {
        return meanTrialSeconds;
    }

    Path file() {
        return file;
    }

    boolean hasColumn(String column) {
        return columns.indexOf(column) > 1;
    }

    /** The cell's {@code valid_acc_12ep} in percent, NaN when the table does not hold it. */
    double searchAccuracy(String cell) {
        return accuracyByCell.getOrDefault(cell, Double.NaN);
    }

    /** The official index of a canonical cell string, or -1 when the table does not hold it. */
    int index(String cell) {
        return indexByCell.getOrDefault(cell, -1);
    }
}
