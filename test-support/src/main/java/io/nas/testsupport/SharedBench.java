package io.nas.testsupport;

import io.nas.launcher.ServiceProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The benchmark data of {@code shared/} beside the repository (or inside it), as DESIGN.md places it. */
public final class SharedBench {

    private SharedBench() {
    }

    /** NAS-Bench-201's recorded results: {@code shared/bench/nb201/search.csv}. */
    public static Path nb201SearchCsv() {
        Path root = ServiceProcess.repoRoot();
        for (Path candidate : List.of(root.resolveSibling("shared"), root.resolve("shared"))) {
            Path csv = candidate.resolve("bench/nb201/search.csv");
            if (Files.isRegularFile(csv)) {
                return csv;
            }
        }
        throw new IllegalStateException("no shared/bench/nb201/search.csv beside or in " + root);
    }
}
