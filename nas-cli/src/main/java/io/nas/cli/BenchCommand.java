package io.nas.cli;

import io.nas.cli.bench.LatencyPredictorCommand;
import io.nas.cli.bench.LatencyRepeatabilityCommand;
import io.nas.cli.bench.LoopOverheadCommand;
import io.nas.cli.bench.ProgressiveBenchCommand;
import io.nas.cli.bench.SearchBenchCommand;
import io.nas.cli.bench.TrainerEfficiencyCommand;
import picocli.CommandLine.Command;

/** {@code nas bench}: the benchmarks; each prints its figure as a ratio against a baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each takes --json and then ends with one JSON object of its figures.",
        subcommands = {ProgressiveBenchCommand.class, TrainerEfficiencyCommand.class,
            LatencyRepeatabilityCommand.class, LatencyPredictorCommand.class, SearchBenchCommand.class,
            LoopOverheadCommand.class})
public class BenchCommand {
}
