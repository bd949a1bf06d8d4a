package io.nas.trainer.service;

import io.nas.trainer.config.TrainerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NAS-Bench-201's recorded results ({@code shared/bench/nb201/search.csv}, see its README): per cell string the
 * 12-epoch validation accuracy in % and the seconds per training epoch. Read at start-up when the file is there, so
 * the first tabular trial does not wait for it, else on first use.
 */
@ApplicationScoped
public class Nb201Table {

    static final String DEFAULT_RELATIVE = "shared/bench/nb201/search.csv";
    private static final Logger LOG = Logger.getLogger(Nb201Table.class);
    private static final List<String> COLUMNS = List.of("arch_str", "valid_acc_12ep", "train_sec_per_epoch");

    private final Optional<Path> configured;
    private volatile Map<String, Row> rows;

    public Nb201Table(TrainerConfig config) {
        this.configured = config.tabular().csv();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            location();
        } catch (NoSuchFileException e) {
            // A trainer of real models only: the tabular backend refuses its trials with this reason if asked.
            LOG.debugf("No NAS-Bench-201 table: %s", e.getMessage());
            return;
        }
        try {
            LOG.infof("NAS-Bench-201 table %s: %d cells", location(), rows().size());
        } catch (IOException e) {
            LOG.warnf("NAS-Bench-201 table not read (%s); tabular trials will be refused", e.getMessage());
        }
    }

    /** The recorded row of a cell, by its canonical string. */
    public Optional<Row> row(String cell) throws IOException {
        return Optional.ofNullable(rows().get(cell));
    }

    private Map<String, Row> rows() throws IOException {
        Map<String, Row> loaded = rows;
        if (loaded == null) {
            synchronized (this) {
                if (rows == null) {
                    rows = read(location());
                }
                loaded = rows;
            }
        }
        return loaded;
    }

    /** The configured file, else {@value #DEFAULT_RELATIVE} in the nearest directory above the working directory. */
    Path location() throws NoSuchFileException {
        if (configured.isPresent()) {
            return configured.get();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEFAULT_RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new NoSuchFileException(DEFAULT_RELATIVE, null, "not found above " + Path.of("").toAbsolutePath()
                + "; set nas.trainer.tabular.csv");
    }

    private static Map<String, Row> read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String header = reader.readLine();
            List<String> names = header == null ? List.of() : Arrays.asList(header.split(","));
            int[] at = COLUMNS.stream().mapToInt(names::indexOf).toArray();
            if (Arrays.stream(at).anyMatch(i -> i < 0)) {
                throw new IOException(file + " must have the columns " + COLUMNS + ", has " + names);
            }
            Map<String, Row> rows = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                rows.put(cells[at[0]], new Row(Double.parseDouble(cells[at[1]]), Double.parseDouble(cells[at[2]])));
            }
            return Map.copyOf(rows);
        }
    }

    /** One cell's record: accuracy in % after 12 epochs, seconds per epoch. */
    public record Row(double validAccuracy12Epochs, double trainSecondsPerEpoch) {
    }
}
