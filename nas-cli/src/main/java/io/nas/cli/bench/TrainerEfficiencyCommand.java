package io.nas.cli.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.NasCommand;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.arch.ReferenceArchitectures;
import io.nas.contract.count.AnalyticCounter;
import io.nas.model.DjlRuntime;
import io.nas.model.build.NasNetwork;
import io.nas.model.build.NetworkBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code nas bench trainer-efficiency}: how much of this machine's dense compute a candidate's training uses. Training
 * FLOP/s count 6 FLOPs per multiply-add per image (forward 2, backward 4; multiply-adds from the analytic counter, so
 * batch norm, activations and pooling count as overhead); the yardstick is a dense matrix multiply (2 FLOPs per
 * multiply-add) with the same engine and threads in the same run.
 */
@Command(name = "trainer-efficiency", mixinStandardHelpOptions = true,
        description = "Trains a candidate on random data with SGD and compares its achieved FLOP/s with a dense "
                + "matrix multiply's on the same engine and threads: efficiency = training FLOP/s / GEMM FLOP/s.")
public class TrainerEfficiencyCommand implements Callable<Integer> {

    /** A mid-sized candidate of the {@code mnasnet-cpu} space: MBConv6 with SE in the last three blocks. */
    public static final String DEFAULT_ARCHITECTURE = "r1_k3_s11_e1_i16_o8,r2_k3_s22_e6_i8_o16,"
            + "r2_k5_s22_e6_i16_o16_se0.25,r2_k3_s22_e6_i16_o32_se0.25,r1_k3_s11_e6_i32_o48_se0.25";
    /** FLOPs per multiply-add of a training image: forward, gradient of the input, gradient of the weights. */
    static final int TRAINING_FLOPS_PER_MADD = 6;
    private static final double MIN_GEMM_SECONDS = 1.0;
    private static final int MIN_GEMM_REPEATS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "BLOCKSTRINGS",
            description = "The candidate as canonical block strings, or a reference name such as mnasnet-a1 "
                    + "(default: a fixed mnasnet-cpu candidate).")
    String arch = DEFAULT_ARCHITECTURE;

    @Option(names = "--threads", description = "Intra-op and inter-op threads (default: the available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--batch", defaultValue = "64", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--resolution", defaultValue = "32",
            description = "Input size in pixels (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "20", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--in-channels", defaultValue = "1", description = "Input channels (default: ${DEFAULT-VALUE}).")
    int inChannels;

    @Option(names = "--classes", defaultValue = "10", description = "Classifier outputs (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--head", defaultValue = "256", description = "Head conv1x1 filters (default: ${DEFAULT-VALUE}).")
    int head;

    @Option(names = "--gemm-size", defaultValue = "1024",
            description = "Side of the square matrices of the GEMM yardstick (default: ${DEFAULT-VALUE}).")
    int gemmSize;

    @Option(names = "--json", description = "End with one line holding the figures as a JSON object.")
    boolean json;

    /** The figures of one run. */
    public record Result(String architecture, int resolution, int batch, int steps, int threads, long maddsPerImage,
                         double imagesPerSecond, double trainFlopsPerSecond, int gemmSize, double gemmFlopsPerSecond,
                         double efficiency) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MnasArchitecture architecture;
        NetworkFrame frame;
        long madds;
        try {
            requirePositive();
            String text = arch.strip();
            architecture = MnasArchitecture.parse(ReferenceArchitectures.blockStrings(text).orElse(text));
            frame = new NetworkFrame(resolution, inChannels, classes, architecture.blocks().get(0).inFilters(), head);
            madds = AnalyticCounter.count(architecture, frame).madds();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return NasCommand.INPUT_ERROR;
        }
        Engine engine = DjlRuntime.init(threads);
        ProgressLine.print(out, "%s %s, %d intra-op threads; %s at %d px, batch %d, %,d multiply-adds per image",
                engine.getEngineName(), engine.getVersion(), DjlRuntime.intraOpThreads(), architecture.canonical(),
                resolution, batch, madds);

        double imagesPerSecond = measureTraining(out, NetworkBuilder.build(architecture, frame));
        double gemmFlopsPerSecond = measureGemm(out);
        double trainFlopsPerSecond = imagesPerSecond * madds * TRAINING_FLOPS_PER_MADD;
        Result result = new Result(architecture.canonical(), resolution, batch, steps, DjlRuntime.intraOpThreads(),
                madds, imagesPerSecond, trainFlopsPerSecond, gemmSize, gemmFlopsPerSecond,
                trainFlopsPerSecond / gemmFlopsPerSecond);

        out.printf(Locale.ROOT, "training    %10.1f images/s  %8.2f GFLOP/s%n",
                imagesPerSecond, trainFlopsPerSecond / 1e9);
        out.printf(Locale.ROOT, "GEMM %-6d %10s           %8.2f GFLOP/s%n", gemmSize, "", gemmFlopsPerSecond / 1e9);
        out.printf(Locale.ROOT, "efficiency  %10.4f%n", result.efficiency());
        if (json) {
            out.println(new ObjectMapper().valueToTree(result).toString());
        }
        out.flush();
        return 0;
    }

    /** Training images per second over the timed steps; fresh random images each step, drawn outside the timing. */
    private double measureTraining(PrintWriter out, NasNetwork network) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build());
        Random random = new Random(1);
        long timedNanos = 0;
        try (Model model = Model.newInstance("trainer-efficiency")) {
            model.setBlock(network.block());
            try (Trainer trainer = model.newTrainer(config)) {
                Shape input = network.inputShape(batch, resolution);
                trainer.initialize(input);
                int total = warmup + steps;
                for (int i = 0; i < total; i++) {
                    // A sub-manager per step frees the step's activations and gradients' temporaries.
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        float[] labels = new float[batch];
                        for (int j = 0; j < batch; j++) {
                            labels[j] = random.nextInt(classes);
                        }
                        NDArray images = step.randomNormal(input);
                        Batch data = new Batch(step, new NDList(images), new NDList(step.create(labels)), batch,
                                Batchifier.STACK, Batchifier.STACK, i, total);
                        long start = System.nanoTime();
                        EasyTrain.trainBatch(trainer, data);
                        trainer.step();
                        long nanos = System.nanoTime() - start;
                        if (i >= warmup) {
                            timedNanos += nanos;
                        }
                        if (i < warmup) {
                            ProgressLine.print(out, "warm-up %d/%d: %.1f ms", i + 1, warmup, nanos / 1e6);
                        } else if ((i - warmup + 1) % Math.max(1, steps / 10) == 0 || i == total - 1) {
                            ProgressLine.print(out, "step %d/%d: %.1f ms, %.1f images/s so far", i - warmup + 1, steps,
                                    nanos / 1e6, (double) batch * (i - warmup + 1) / (timedNanos / 1e9));
                        }
                    }
                }
            }
        }
        return (double) batch * steps / (timedNanos / 1e9);
    }

    /** FLOP/s of {@code gemmSize}-square float32 matrix multiplies, repeated for at least a second. */
    private double measureGemm(PrintWriter out) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(gemmSize, gemmSize));
            NDArray b = manager.randomNormal(new Shape(gemmSize, gemmSize));
            try (NDArray warm = a.matMul(b)) {
                warm.getFloat(0, 0);
            }
            int repeats = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                try (NDArray product = a.matMul(b)) {
                    product.getFloat(0, 0);
                }
                repeats++;
                elapsed = System.nanoTime() - start;
            } while (repeats < MIN_GEMM_REPEATS || elapsed < MIN_GEMM_SECONDS * 1e9);
            double flops = 2.0 * gemmSize * gemmSize * gemmSize * repeats / (elapsed / 1e9);
            ProgressLine.print(out, "GEMM %dx%d: %d multiplies in %.2f s", gemmSize, gemmSize, repeats, elapsed / 1e9);
            return flops;
        }
    }

    private void requirePositive() {
        int[] values = {threads, batch, resolution, steps, inChannels, classes, head, gemmSize};
        String[] names = {"--threads", "--batch", "--resolution", "--steps", "--in-channels", "--classes", "--head",
            "--gemm-size"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 1) {
                throw new IllegalArgumentException(names[i] + " must be >= 1, was " + values[i]);
            }
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, was " + warmup);
        }
    }
}
