package io.nas.search;

import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * NAS-Bench-201's table ({@code shared/bench/nb201/search.csv}) as the trainer's tabular backend answers from it:
 * accuracy = {@code valid_acc_12ep / 100}, training time = {@code 12 * train_sec_per_epoch} simulated seconds.
 */
public final class Nb201Table implements ProtocolRuns.Oracle {

    static final int CELLS = 15_625;
    static final int EPOCHS = 12;

    private final SearchSpace space;
    private final double[] accuracy = new double[CELLS];
    private final double[] seconds = new double[CELLS];

    private Nb201Table(SearchSpace space, Path csv) throws IOException {
        this.space = space;
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int arch = header.indexOf("arch_str");
        int acc = header.indexOf("valid_acc_12ep");
        int sec = header.indexOf("train_sec_per_epoch");
        if (arch < 0 || acc < 0 || sec < 0) {
            throw new IOException(csv + " lacks arch_str, valid_acc_12ep or train_sec_per_epoch: " + header);
        }
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            int code = code(space.encode(fields[arch]));
            accuracy[code] = Double.parseDouble(fields[acc]) / 100.0;
            seconds[code] = EPOCHS * Double.parseDouble(fields[sec]);
            rows++;
        }
        if (rows != CELLS) {
            throw new IOException(csv + " holds " + rows + " cells, expected " + CELLS);
        }
    }

    /** The table, or null where the shared bench data is not there. */
    public static Nb201Table load() {
        String configured = System.getProperty("nb201.csv");
        Path csv = Stream.of(configured, "../../shared/bench/nb201/search.csv", "../shared/bench/nb201/search.csv",
                        "/work/shared/bench/nb201/search.csv")
                .filter(p -> p != null && Files.isRegularFile(Path.of(p)))
                .map(Path::of).findFirst().orElse(null);
        if (csv == null) {
            return null;
        }
        try {
            return new Nb201Table(SearchSpaces.of("nb201"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SearchSpace space() {
        return space;
    }

    /** The cell's index vector read as a base-5 number, edge 0 least significant. */
    static int code(List<Integer> indices) {
        int code = 0;
        for (int e = indices.size() - 1; e >= 0; e--) {
            code = code * 5 + indices.get(e);
        }
        return code;
    }

    /** The 12-epoch validation accuracy as a fraction: what the tabular backend reports and the reward is. */
    @Override
    public double reward(List<Integer> indices) {
        return accuracy[code(indices)];
    }

    @Override
    public double trainingSeconds(List<Integer> indices) {
        return seconds[code(indices)];
    }
}
