package io.nas.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nas.cli.NasCommand;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpacePresets;
import io.nas.contract.space.SearchSpaces;
import io.nas.model.DjlRuntime;
import io.nas.model.build.Activation;
import io.nas.model.build.NetworkBuilder;
import io.nas.model.data.FashionMnist;
import io.nas.model.data.ImageSet;
import io.nas.model.data.ProxyTask;
import io.nas.model.train.EpochReport;
import io.nas.model.train.ProgressiveSchedule;
import io.nas.model.train.ProgressiveTrainer;
import io.nas.model.train.StageSettings;
import io.nas.model.train.TrainingObserver;
import io.nas.model.train.TrainingOutcome;
import io.nas.model.train.TrainingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code nas bench progressive}: one architecture, the same data, seed and number of steps, trained twice on
 * Fashion-MNIST: with progressive learning (EfficientNetV2 Algorithm 1) and with the fixed baseline (every stage at
 * the final size and regularization). Reports both final validation accuracies, both training times and the ratio
 * (progressive time until it first reaches the fixed run's final accuracy) / (fixed time). Accuracy is measured on
 * the validation split at the final size after every epoch; times count training steps only, not those
 * evaluations, which exist for the measurement.
 */
@Command(name = "progressive", mixinStandardHelpOptions = true,
        description = "Progressive learning against the fixed-size baseline: the same architecture, data, seed and "
                + "steps trained twice on Fashion-MNIST. Goal: ratio <= 0.5 with accuracy >= fixed - 0.3 pp.")
public class ProgressiveBenchCommand implements Callable<Integer> {

    /** A mid-sized mnasnet-cpu candidate: MBConv3 3x3 blocks with identity shortcuts at the preset's widths. */
    public static final String DEFAULT_ARCHITECTURE = "r1_k3_s11_e3_i16_o16,r2_k3_s22_e3_i16_o16,"
            + "r2_k3_s22_e3_i16_o24,r2_k3_s22_e3_i24_o32,r1_k3_s11_e3_i32_o48";

    /** Accuracy the progressive run may lose against the fixed one and still meet the goal (0.3 percentage points). */
    static final double ACCURACY_TOLERANCE = 0.003;
    static final double GOAL_RATIO = 0.5;

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "BLOCKSTRINGS",
            description = "The candidate as canonical block strings on the mnasnet-cpu frame (1 channel, 10 classes, "
                    + "head 256; default: a fixed mnasnet-cpu candidate).")
    String arch = DEFAULT_ARCHITECTURE;

    @Option(names = "--data", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Directory with the Fashion-MNIST idx files (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--train-examples", defaultValue = "16000", description = "Training split (default: ${DEFAULT-VALUE}).")
    int trainExamples;

    @Option(names = "--validation-examples", defaultValue = "2000",
            description = "Validation split, held out from the training set (default: ${DEFAULT-VALUE}).")
    int validationExamples;

    @Option(names = "--stages", defaultValue = "4", description = "Stages M (default: ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--epochs-per-stage", defaultValue = "4", description = "Epochs per stage (default: ${DEFAULT-VALUE}).")
    int epochsPerStage;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--size-start", defaultValue = "16", description = "First stage's image size (default: ${DEFAULT-VALUE}).")
    int sizeStart;

    @Option(names = "--size-end", defaultValue = "32", description = "Final image size (default: ${DEFAULT-VALUE}).")
    int sizeEnd;

    @Option(names = "--dropout", split = ",", defaultValue = "0.1,0.3",
            description = "Dropout rate from,to (default: ${DEFAULT-VALUE}).")
    double[] dropout;

    @Option(names = "--randaugment", split = ",", defaultValue = "5,15",
            description = "RandAugment magnitude from,to, 10 the reference maximum (default: ${DEFAULT-VALUE}).")
    double[] randAugment;

    @Option(names = "--mixup", split = ",", defaultValue = "0,0", description = "Mixup alpha from,to (default: ${DEFAULT-VALUE}).")
    double[] mixup;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of split, initialization and data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1",
            description = "PyTorch threads; 1 keeps timings steady on a busy machine (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "End with one line of JSON holding the figures.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        MnasArchitecture network;
        NetworkFrame frame;
        TrainingPlan plan;
        try {
            network = MnasArchitecture.parse(arch.strip());
            frame = ((MnasSearchSpace) SearchSpaces.of(SearchSpacePresets.MNASNET_CPU)).frame()
                    .withStem(network.blocks().get(0).inFilters()).withResolution(sizeEnd);
            ProgressiveSchedule schedule = ProgressiveSchedule.progressive(stages, epochsPerStage,
                    new StageSettings(sizeStart, pair(dropout, "--dropout")[0], pair(randAugment, "--randaugment")[0],
                            pair(mixup, "--mixup")[0]),
                    new StageSettings(sizeEnd, dropout[1], randAugment[1], mixup[1]));
            plan = new TrainingPlan("djl", FashionMnist.NAME, schedule, batchSize, trainExamples, validationExamples,
                    "relu", seed);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return NasCommand.INPUT_ERROR;
        }
        DjlRuntime.init(threads);
        ImageSet images = FashionMnist.training(data);
        ProxyTask task = ProxyTask.carve(images, trainExamples, validationExamples, seed);
        out.printf(Locale.ROOT, "%s on %s, %d stages x %d epochs, batch %d, %d px -> %d px, %d steps per run, "
                        + "%d thread(s)%n", network.canonical(), task, stages, epochsPerStage, batchSize, sizeStart,
                sizeEnd, plan.totalSteps(), threads);
        out.flush();

        warmUp(network, frame, plan, images);
        Run fixed = train("fixed", network, frame, plan.asFixed(), task, out);
        Run progressive = train("progressive", network, frame, plan, task, out);
        BenchResult result = BenchResult.of(progressive.epochs, progressive.outcome, fixed.outcome);

        out.printf(Locale.ROOT, "fixed:       accuracy %.2f %%, %.1f s%n", 100 * result.accuracyFixed(),
                result.secondsFixed());
        out.printf(Locale.ROOT, "progressive: accuracy %.2f %%, %.1f s%s%n", 100 * result.accuracyProgressive(),
                result.secondsProgressive(), result.secondsToReach() == null ? ", never reached the fixed accuracy"
                        : String.format(Locale.ROOT, ", reached the fixed accuracy after %.1f s",
                        result.secondsToReach()));
        out.printf(Locale.ROOT, "ratio %s (goal <= %.1f with accuracy >= fixed - 0.3 pp): %s%n",
                result.ratio() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", result.ratio()), GOAL_RATIO,
                result.goalMet() ? "met" : "not met");
        if (json) {
            out.println(json(result));
        }
        out.flush();
        return 0;
    }

    private static double[] pair(double[] values, String option) {
        if (values.length != 2) {
            throw new IllegalArgumentException(option + " takes two values, from,to");
        }
        return values;
    }

    /** A few steps at every size first, so neither timed run pays the engine's first-use costs. */
    private static void warmUp(MnasArchitecture network, NetworkFrame frame, TrainingPlan plan, ImageSet images) {
        ProgressiveSchedule schedule = plan.schedule();
        List<StageSettings> sizes = new ArrayList<>(schedule.stages());
        ProgressiveSchedule brief = new ProgressiveSchedule(sizes, 1);
        int examples = plan.batchSize() * 3;
        TrainingPlan warmUp = new TrainingPlan(plan.backend(), plan.dataset(), brief, plan.batchSize(), examples,
                plan.batchSize(), plan.activation(), plan.seed());
        new ProgressiveTrainer().train(NetworkBuilder.build(network, frame, Activation.RELU),
                ProxyTask.carve(images, examples, plan.batchSize(), plan.seed() + 1), warmUp, TrainingObserver.NONE,
                null);
    }

    private static Run train(String name, MnasArchitecture network, NetworkFrame frame, TrainingPlan plan,
                             ProxyTask task, PrintWriter out) {
        List<EpochReport> epochs = new ArrayList<>();
        TrainingObserver progress = new TrainingObserver() {
            @Override
            public void onEpochEnd(EpochReport report) {
                epochs.add(report);
                out.printf(Locale.ROOT, "%-11s stage %d/%d epoch %d/%d  %2d px  loss %.3f  accuracy %5.2f %%  %6.1f s%n",
                        name, report.stage() + 1, report.stages(), report.epoch() + 1, plan.schedule().epochsPerStage(),
                        report.imageSize(), report.loss(), 100 * report.accuracy(), report.trainingSeconds());
                out.flush();
            }
        };
        TrainingOutcome outcome = new ProgressiveTrainer().train(NetworkBuilder.build(network, frame, Activation.RELU),
                task, plan, progress, null);
        return new Run(outcome, epochs);
    }

    private static String json(BenchResult result) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        if (result.ratio() == null) {
            node.putNull("ratio");
        } else {
            node.put("ratio", round(result.ratio(), 4));
        }
        node.put("accuracyProgressive", round(100 * result.accuracyProgressive(), 2));
        node.put("accuracyFixed", round(100 * result.accuracyFixed(), 2));
        node.put("secondsProgressive", round(result.secondsProgressive(), 2));
        node.put("secondsFixed", round(result.secondsFixed(), 2));
        if (result.secondsToReach() == null) {
            node.putNull("secondsProgressiveToFixedAccuracy");
        } else {
            node.put("secondsProgressiveToFixedAccuracy", round(result.secondsToReach(), 2));
        }
        node.put("goalMet", result.goalMet());
        return node.toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private record Run(TrainingOutcome outcome, List<EpochReport> epochs) {
    }

    /**
     * The figures of one bench: final accuracies (fractions), training seconds of both runs, the progressive run's
     * training seconds at the end of the first epoch whose validation accuracy reached the fixed run's final accuracy
     * (null if none did) and their ratio to the fixed run's seconds.
     */
    record BenchResult(double accuracyProgressive, double accuracyFixed, double secondsProgressive,
                       double secondsFixed, Double secondsToReach, Double ratio) {

        static BenchResult of(List<EpochReport> progressiveEpochs, TrainingOutcome progressive,
                              TrainingOutcome fixed) {
            Double reached = progressiveEpochs.stream()
                    .filter(report -> report.accuracy() >= fixed.accuracy())
                    .map(EpochReport::trainingSeconds)
                    .findFirst()
                    .orElse(null);
            return new BenchResult(progressive.accuracy(), fixed.accuracy(), progressive.trainingSeconds(),
                    fixed.trainingSeconds(), reached, reached == null ? null : reached / fixed.trainingSeconds());
        }

        boolean goalMet() {
            return ratio != null && ratio <= GOAL_RATIO && accuracyProgressive >= accuracyFixed - ACCURACY_TOLERANCE;
        }
    }
}
