package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nas.cli.NasCommand;
import io.nas.cli.api.NasApi;
import io.nas.cli.local.LocalDeployment;
import io.nas.contract.event.ExperimentSpec;
import io.nas.search.Strategies;
import io.nas.search.reward.MnasReward;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * {@code nas bench search}: search strategies compared under the NAS-Bench-201 protocol, through the real services.
 * A deployment like {@code ./nas local}'s (broker, S3 server, database, sampler, reward service) runs with trainers
 * answering from the NAS-Bench-201 table ({@code valid_acc_12ep}, costing 12 x {@code train_sec_per_epoch} simulated
 * seconds) and a farm replaying one of its device columns. Each seeded run is one experiment with a budget of
 * simulated training seconds; its answer is the best counted trial, which the sampler reports. Runs share the
 * services, {@code --parallel} at a time.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Runs seeded searches per strategy on NAS-Bench-201 through the real sampler, reward service, "
                + "broker and database (tabular trainers, replayed latency) and prints mean and standard deviation of "
                + "the returned cells' search accuracy (valid_acc_12ep, %%), with each strategy's margin over random "
                + "search in standard errors.")
public class SearchBenchCommand implements Callable<Integer> {

    private static final long POLL_MILLIS = 200;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", split = ",", defaultValue = "random,reinforce,ppo,evolution",
            description = "Strategies, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--runs", defaultValue = "100", description = "Seeded runs per strategy (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--first-seed", defaultValue = "1",
            description = "Seed of the first run; run i uses first-seed + i (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--budget", defaultValue = "12000",
            description = "Simulated training seconds per run, the NAS-Bench-201 protocol's (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--in-flight", defaultValue = "1",
            description = "Trials in flight per run; 1 is the protocol's sequential search (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--parallel", defaultValue = "12",
            description = "Runs (experiments) at once on the shared services (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--trainers", defaultValue = "1", description = "Tabular trainer replicas (default: ${DEFAULT-VALUE}).")
    int trainers;

    @Option(names = "--latency-column", defaultValue = "pixel3_ms",
            description = "The table's recorded device column the latency farm replays; the device type is its name "
                    + "without _ms (default: ${DEFAULT-VALUE}).")
    String latencyColumn;

    @Option(names = "--latency-target", paramLabel = "MS",
            description = "Search with MnasNet's reward for this latency target on the replayed device; without it "
                    + "the reward is the accuracy alone.")
    Double latencyTarget;

    @Option(names = "--constraint", defaultValue = "soft",
            description = "soft or hard, with --latency-target (default: ${DEFAULT-VALUE}).")
    String constraint;

    @Option(names = "--setting", paramLabel = "STRATEGY.KEY=VALUE",
            description = "A strategy setting, e.g. ppo.learningRate=0.05; repeatable. Unset keys keep the defaults.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--table", description = "The NAS-Bench-201 table (default: shared/bench/nb201/search.csv beside "
            + "the repository).")
    Path table;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write every run's answer as CSV: strategy,seed,arch_index,arch_str,search_accuracy.")
    Path out;

    @Option(names = "--work-dir", description = "Where the broker, S3 server and service logs live (default: "
            + "target/nas-bench-search/<time>).")
    Path workDir;

    @Option(names = "--json", description = "End with one line holding, per strategy, meanAccuracy, stdAccuracy and "
            + "runs.")
    boolean json;

    /** One run's answer: the returned cell and its search accuracy in percent. */
    record RunAnswer(String strategy, long seed, int archIndex, String archStr, double searchAccuracy, int trials) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Nb201Table cells;
        Map<String, Map<String, Object>> strategySettings;
        try {
            strategySettings = checkOptions();
            cells = Nb201Table.read(table != null ? table : Nb201Table.defaultFile());
            if (!cells.hasColumn(latencyColumn)) {
                throw new IllegalArgumentException("--latency-column: " + cells.file() + " has no column '"
                        + latencyColumn + "'");
            }
        } catch (IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return NasCommand.INPUT_ERROR;
        }
        if (!Nb201Experiments.databaseReady(spec, console)) {
            return 1;
        }
        Path work = Nb201Experiments.workDir(workDir, "search");
        String deviceType = latencyColumn.replaceFirst("_ms$", "");
        ProgressLine.print(console, "bench search: %s, %d runs each, %.0f simulated s per run, %d in flight, %d runs "
                        + "at once, %d trainer(s), latency replayed from %s (%s)", strategies, runs, budget, inFlight,
                parallel, trainers, latencyColumn, latencyTarget == null ? "reward = accuracy"
                        : constraint + " target " + latencyTarget + " ms");
        long begin = System.nanoTime();
        List<RunAnswer> answers;
        try (LocalDeployment deployment = LocalDeployment.start(LocalDeployment.Plan.nb201(work, trainers,
                cells.file(), 0.0, deviceType, latencyColumn), console)) {
            NasApi api = new NasApi(deployment.samplerUrl(), deployment.rewardUrl(), deployment.apiKey());
            answers = runAll(api, cells, deviceType, strategySettings, console, begin);
        }
        double wall = (System.nanoTime() - begin) / 1e9;
        Map<String, Summary> summaries = summarize(answers);
        printTable(console, summaries, answers, wall);
        if (out != null) {
            writeCsv(answers);
            ProgressLine.print(console, "answers written to %s", out.toAbsolutePath());
        }
        if (json) {
            ObjectNode figures = new ObjectMapper().createObjectNode();
            summaries.forEach((strategy, summary) -> figures.putObject(strategy)
                    .put("meanAccuracy", summary.mean()).put("stdAccuracy", summary.sd()).put("runs", summary.runs()));
            console.println(figures);
        }
        console.flush();
        return 0;
    }

    private Map<String, Map<String, Object>> checkOptions() {
        if (runs < 1 || parallel < 1 || trainers < 1 || inFlight < 1) {
            throw new IllegalArgumentException("--runs, --parallel, --trainers and --in-flight must be >= 1");
        }
        if (!(budget > 0)) {
            throw new IllegalArgumentException("--budget must be > 0 simulated seconds, was " + budget);
        }
        if (latencyTarget != null && !(latencyTarget > 0)) {
            throw new IllegalArgumentException("--latency-target must be > 0 ms, was " + latencyTarget);
        }
        if (!List.of(MnasReward.SOFT, MnasReward.HARD).contains(constraint)) {
            throw new IllegalArgumentException("--constraint must be soft or hard, was '" + constraint + "'");
        }
        Map<String, Map<String, Object>> byStrategy = new LinkedHashMap<>();
        for (String strategy : strategies) {
            if (!Strategies.names().contains(strategy)) {
                throw new IllegalArgumentException("--strategy must name strategies of " + Strategies.names()
                        + ", was '" + strategy + "'");
            }
            byStrategy.put(strategy, new LinkedHashMap<>());
        }
        for (String setting : settings) {
            int dot = setting.indexOf('.');
            int equals = setting.indexOf('=');
            if (dot < 1 || equals < dot + 2) {
                throw new IllegalArgumentException("--setting must read STRATEGY.KEY=VALUE, was '" + setting + "'");
            }
            String strategy = setting.substring(0, dot);
            if (!byStrategy.containsKey(strategy)) {
                throw new IllegalArgumentException("--setting '" + setting + "' names strategy '" + strategy
                        + "', which is not among --strategy " + strategies);
            }
            byStrategy.get(strategy).put(setting.substring(dot + 1, equals), setting.substring(equals + 1));
        }
        // Refused here, with the key's name, rather than by the sampler on the first run.
        byStrategy.forEach(Strategies::settings);
        return byStrategy;
    }

    /** Every (strategy, seed) run, seed-major so that partial results stay balanced between strategies. */
    private List<RunAnswer> runAll(NasApi api, Nb201Table cells, String deviceType,
                                   Map<String, Map<String, Object>> strategySettings, PrintWriter console, long begin)
            throws InterruptedException, IOException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<RunAnswer> answers = Collections.synchronizedList(new ArrayList<>());
        // Trials proposed so far, per run, finished or not.
        Map<String, Integer> trials = new ConcurrentHashMap<>();
        int total = runs * strategies.size();
        List<Future<RunAnswer>> futures = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long seed = firstSeed + i;
            for (String strategy : strategies) {
                ExperimentSpec experiment = experiment(strategy, strategySettings.get(strategy), seed, deviceType);
                futures.add(pool.submit(() -> {
                    RunAnswer answer = run(api, cells, experiment,
                            proposed -> trials.put(experiment.name(), proposed));
                    answers.add(answer);
                    return answer;
                }));
            }
        }
        pool.shutdown();
        long lastReport = System.nanoTime();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    double seconds = (lastReport - begin) / 1e9;
                    ProgressLine.print(console, "  %d/%d runs done, %d trials, %.0f trials/s, %.0f s", answers.size(),
                            total, proposed(trials), proposed(trials) / seconds, seconds);
                }
                firstFailure(futures);
            }
            firstFailure(futures);
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(answers);
    }

    private static void firstFailure(List<Future<RunAnswer>> futures) throws InterruptedException, IOException {
        for (Future<RunAnswer> future : futures) {
            if (future.isDone()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IOException("a run failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }

    private ExperimentSpec experiment(String strategy, Map<String, Object> strategySettings, long seed,
                                      String deviceType) {
        return Nb201Experiments.spec("bench-search-" + strategy + "-" + seed, strategy, strategySettings, seed,
                deviceType, latencyTarget, constraint, null, budget, inFlight);
    }

    private static int proposed(Map<String, Integer> trials) {
        return trials.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Creates the run's experiment, waits for DONE and answers its best counted trial; {@code proposed} hears its
     * trial count as it grows.
     */
    private static RunAnswer run(NasApi api, Nb201Table cells, ExperimentSpec experiment, IntConsumer proposed)
            throws IOException, InterruptedException {
        String id = api.createExperiment(experiment).get("id").asText();
        JsonNode status = Nb201Experiments.awaitDone(api, id, POLL_MILLIS,
                running -> proposed.accept(running.path("proposed").asInt()));
        proposed.accept(status.path("proposed").asInt());
        JsonNode best = status.path("best");
        if (best.isMissingNode() || best.isNull()) {
            throw new IOException("experiment " + id + " ended without a counted trial");
        }
        String cell = best.path("architecture").asText();
        return new RunAnswer(experiment.strategy(), experiment.seed(), cells.index(cell), cell,
                100 * best.path("accuracy").asDouble(), status.path("proposed").asInt());
    }

    /** Mean, sample standard deviation and count of one strategy's answers. */
    record Summary(double mean, double sd, int runs, double trialsPerRun) {

        double standardError() {
            return sd / Math.sqrt(runs);
        }
    }

    private Map<String, Summary> summarize(List<RunAnswer> answers) {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        for (String strategy : strategies) {
            double[] accuracy = answers.stream().filter(a -> a.strategy().equals(strategy))
                    .mapToDouble(RunAnswer::searchAccuracy).toArray();
            double trialsPerRun = answers.stream().filter(a -> a.strategy().equals(strategy))
                    .mapToInt(RunAnswer::trials).average().orElse(0);
            double mean = Arrays.stream(accuracy).average().orElse(Double.NaN);
            double squares = Arrays.stream(accuracy).map(a -> (a - mean) * (a - mean)).sum();
            double sd = accuracy.length > 1 ? Math.sqrt(squares / (accuracy.length - 1)) : 0.0;
            summaries.put(strategy, new Summary(mean, sd, accuracy.length, trialsPerRun));
        }
        return summaries;
    }

    private void printTable(PrintWriter console, Map<String, Summary> summaries, List<RunAnswer> answers, double wall) {
        int trials = answers.stream().mapToInt(RunAnswer::trials).sum();
        ProgressLine.print(console, "%d runs, %d trials in %.0f s (%.0f trials/s)", answers.size(), trials, wall,
                trials / wall);
        ProgressLine.print(console, "%-10s %5s %14s %8s %12s", "strategy", "runs", "search acc %", "trials",
                "vs random");
        Summary random = summaries.get(Strategies.RANDOM);
        summaries.forEach((strategy, summary) -> {
            String margin = "";
            if (random != null && !strategy.equals(Strategies.RANDOM)) {
                double difference = summary.mean() - random.mean();
                double se = Math.hypot(summary.standardError(), random.standardError());
                margin = String.format(Locale.ROOT, "%+.2f pp = %+.1f SE%s", difference, difference / se,
                        difference > 2 * se ? "" : " (not > 2 SE)");
            }
            ProgressLine.print(console, "%-10s %5d %7.2f ± %4.2f %8.1f   %s", strategy, summary.runs(), summary.mean(),
                    summary.sd(), summary.trialsPerRun(), margin);
        });
    }

    private void writeCsv(List<RunAnswer> answers) throws IOException {
        List<String> lines = new ArrayList<>(List.of("strategy,seed,arch_index,arch_str,search_accuracy"));
        answers.stream().sorted(Comparator.comparing(RunAnswer::strategy).thenComparing(RunAnswer::seed))
                .forEach(a -> lines.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%.4f", a.strategy(), a.seed(),
                        a.archIndex(), a.archStr(), a.searchAccuracy())));
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.write(out, lines);
    }
}
