package io.nas.model.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.DivergenceCheckTrainingListener;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.translate.TranslateException;
import io.nas.model.build.NasNetwork;
import io.nas.model.data.Mixup;
import io.nas.model.data.ProxyDataset;
import io.nas.model.data.ProxyTask;
import io.nas.model.data.RandAugment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Trains a network on a {@link ProxyTask} through the stages of a {@link ProgressiveSchedule} with DJL's
 * {@code Trainer}: {@code EasyTrain.trainBatch} and {@code step} per batch, evaluators and divergence checks as
 * {@code TrainingListener}s. One set of weights goes through every stage (global pooling takes any image size;
 * nothing is re-initialized); every batch lives in its own sub-{@code NDManager}, closed after its step, so memory
 * stays flat. After every epoch the validation split is evaluated at the final image size. The learning rate follows
 * the step count over the whole run ({@link MomentumSgd}), and the batch order, augmentation and the engine's
 * random state are re-seeded from (seed, stage, epoch), so a run resumed from a {@link StageCheckpoint} repeats the
 * uninterrupted run. The network's arrays are freed when {@code train} returns; its final parameters come back in
 * the outcome.
 */
public final class ProgressiveTrainer {

    /** The batch size {@link MomentumSgd.Settings#learningRate()} is meant for; other batches scale it linearly. */
    public static final int REFERENCE_BATCH_SIZE = 64;
    private static final int EVALUATION_BATCH_SIZE = 250;

    private final MomentumSgd.Settings optimizer;
    private final int randAugmentOps;

    /** {@link MomentumSgd.Settings#DEFAULT} and RandAugment's 2 ops per image. */
    public ProgressiveTrainer() {
        this(MomentumSgd.Settings.DEFAULT, RandAugment.DEFAULT_OPS);
    }

    public ProgressiveTrainer(MomentumSgd.Settings optimizer, int randAugmentOps) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (randAugmentOps < 0) {
            throw new IllegalArgumentException("randAugmentOps must be >= 0, was " + randAugmentOps);
        }
        this.randAugmentOps = randAugmentOps;
    }

    /** Trains a built candidate; its classifier dropout follows the schedule. */
    public TrainingOutcome train(NasNetwork network, ProxyTask task, TrainingPlan plan, TrainingObserver observer,
                                 StageCheckpoint resumeFrom) {
        if (network.frame().inChannels() != task.channels() || network.frame().classes() != task.classes()) {
            throw new IllegalArgumentException("the network takes " + network.frame().inChannels() + " channels and "
                    + network.frame().classes() + " classes, the task has " + task.channels() + " and "
                    + task.classes());
        }
        return train(network.block(), network::setDropoutRate, task, plan, observer, resumeFrom);
    }

    /**
     * Trains {@code block} (NCHW float32 images at any size to logits) from scratch, or from the stage after
     * {@code resumeFrom} with its parameters and optimizer state when that is not null.
     *
     * @param dropoutRate receives each stage's dropout rate before the stage trains
     * @throws TrainingDivergedException  when the loss becomes NaN
     * @throws TrainingAbandonedException when {@code observer.shouldStop()} answers true at a stage boundary
     * @throws IllegalArgumentException   when {@code resumeFrom} does not fit the network or the plan
     */
    public TrainingOutcome train(Block block, DoubleConsumer dropoutRate, ProxyTask task, TrainingPlan plan,
                                 TrainingObserver observer, StageCheckpoint resumeFrom) {
        ProgressiveSchedule schedule = plan.schedule();
        int stepsPerEpoch = task.stepsPerEpoch(plan.batchSize());
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("the training split (" + task.training().size()
                    + " images) is smaller than one batch of " + plan.batchSize());
        }
        long totalSteps = (long) stepsPerEpoch * schedule.totalEpochs();
        Run run = new Run();
        int firstStage = 0;
        if (resumeFrom != null) {
            TrainingPosition position = resumeFrom.position();
            if (position.stages() != schedule.size() || position.totalSteps() != totalSteps) {
                throw new IllegalArgumentException("checkpoint of a different plan: " + position.stages()
                        + " stages, " + position.totalSteps() + " steps; this plan has " + schedule.size() + " and "
                        + totalSteps);
            }
            firstStage = position.stage() + 1;
            run.steps = position.steps();
            run.trainingSeconds = position.trainingSeconds();
            run.stageSeconds.addAll(position.stageSeconds());
        }

        SoftLabelAccuracy accuracy = new SoftLabelAccuracy();
        try (Model model = Model.newInstance("candidate")) {
            model.setBlock(block);
            model.getNDManager().getEngine().setRandomSeed(seedOf(plan.seed(), firstStage, -1));
            if (resumeFrom != null) {
                // Before the trainer exists: it keeps the arrays it finds at initialization and marks them trainable.
                loadParameters(block, model, resumeFrom.parameters());
            }
            MomentumSgd sgd = new MomentumSgd(optimizer.withLearningRate(
                    optimizer.learningRate() * plan.batchSize() / REFERENCE_BATCH_SIZE), totalSteps, run.steps);
            Loss loss = new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1f, -1, false, true);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(sgd)
                    .addEvaluator(accuracy)
                    .addTrainingListeners(new EvaluatorTrainingListener(), new DivergenceCheckTrainingListener());
            try (Trainer trainer = model.newTrainer(config)) {
                int firstSize = schedule.stage(Math.min(firstStage, schedule.size() - 1)).imageSize();
                trainer.initialize(new Shape(plan.batchSize(), task.channels(), firstSize, firstSize));
                if (resumeFrom != null) {
                    importOptimizerState(sgd, block, model, resumeFrom.optimizerState());
                }
                ProxyDataset validation = task.validationSet(schedule.finalImageSize(), EVALUATION_BATCH_SIZE);
                long started = System.nanoTime();
                double finalAccuracy = Double.NaN;
                for (int stage = firstStage; stage < schedule.size(); stage++) {
                    if (observer.shouldStop()) {
                        throw new TrainingAbandonedException(stage);
                    }
                    StageSettings settings = schedule.stage(stage);
                    dropoutRate.accept(settings.dropout());
                    RandAugment augmentation = new RandAugment(randAugmentOps, settings.randAugmentMagnitude());
                    Mixup mixup = new Mixup(settings.mixupAlpha());
                    double stageStart = run.trainingSeconds;
                    for (int epoch = 0; epoch < schedule.epochsPerStage(); epoch++) {
                        model.getNDManager().getEngine().setRandomSeed(seedOf(plan.seed(), stage, epoch));
                        ProxyDataset epochData = task.trainingEpoch(settings.imageSize(), plan.batchSize(),
                                augmentation, mixup, seedOf(plan.seed(), stage, epoch));
                        trainEpoch(trainer, epochData, run, stage, epoch);
                        evaluate(trainer, validation);
                        EpochReport report = new EpochReport(stage, schedule.size(), epoch, settings.imageSize(),
                                trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH),
                                accuracy.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH),
                                accuracy.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH),
                                run.steps, run.trainingSeconds, (System.nanoTime() - started) / 1e9);
                        trainer.notifyListeners(listener -> listener.onEpoch(trainer));
                        finalAccuracy = report.accuracy();
                        run.epochs.add(report);
                        observer.onEpochEnd(report);
                    }
                    run.stageSeconds.add(run.trainingSeconds - stageStart);
                    TrainingPosition position = new TrainingPosition(stage, schedule.size(), run.steps, totalSteps,
                            run.trainingSeconds, run.stageSeconds, plan.seed());
                    observer.onStageEnd(stage, new StageCheckpoint(position, saveParameters(block),
                            sgd.exportState(block.getParameters())));
                }
                if (firstStage >= schedule.size()) {
                    evaluate(trainer, validation);
                    finalAccuracy = accuracy.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH);
                }
                double images = (double) run.steps * plan.batchSize();
                return new TrainingOutcome(finalAccuracy, run.trainingSeconds,
                        run.trainingSeconds > 0 ? images / run.trainingSeconds : 0.0, run.steps, run.stageSeconds,
                        run.epochs, saveParameters(block));
            }
        }
    }

    /**
     * The accuracy of trained {@code parameters} on the task's held-out split at {@code imageSize}, evaluated as
     * training evaluates it after every epoch: what a trial reported, recomputed from its stored checkpoint.
     */
    public static double heldOutAccuracy(Block block, ProxyTask task, int imageSize, byte[] parameters) {
        SoftLabelAccuracy accuracy = new SoftLabelAccuracy();
        try (Model model = Model.newInstance("evaluated")) {
            model.setBlock(block);
            loadParameters(block, model, parameters);
            Loss loss = new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1f, -1, false, true);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .addEvaluator(accuracy)
                    .addTrainingListeners(new EvaluatorTrainingListener());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(EVALUATION_BATCH_SIZE, task.channels(), imageSize, imageSize));
                evaluate(trainer, task.validationSet(imageSize, EVALUATION_BATCH_SIZE));
                return accuracy.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH);
            }
        }
    }

    private static void trainEpoch(Trainer trainer, Dataset epochData, Run run, int stage, int epoch) {
        long begin = System.nanoTime();
        try {
            // Each batch comes with its own sub-manager of the trainer's; closing the batch frees every array of
            // the step (inputs, activations, loss), which keeps memory flat.
            for (Batch batch : trainer.iterateDataset(epochData)) {
                try (batch) {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                } catch (ai.djl.TrainingDivergedException e) {
                    throw new TrainingDivergedException(stage, epoch, run.steps, e);
                }
                run.steps++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        } finally {
            run.trainingSeconds += (System.nanoTime() - begin) / 1e9;
        }
    }

    private static void evaluate(Trainer trainer, Dataset validation) {
        try {
            for (Batch batch : trainer.iterateDataset(validation)) {
                try (batch) {
                    EasyTrain.validateBatch(trainer, batch);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] saveParameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void loadParameters(Block block, Model model, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(model.getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("the checkpoint's parameters do not fit this network: "
                    + e.getMessage(), e);
        }
    }

    private static void importOptimizerState(MomentumSgd sgd, Block block, Model model, byte[] state) {
        try {
            sgd.importState(block.getParameters(), model.getNDManager(), state);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException("the checkpoint's optimizer state does not fit this network: "
                    + e.getMessage(), e);
        }
    }

    /** A 31-bit seed for (run seed, stage, epoch): the engine takes an int, the datasets a long. */
    static int seedOf(long seed, int stage, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + stage * 0xBF58476D1CE4E5B9L + (epoch + 1) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 31)) * 0xD6E8FEB86659FD93L;
        return (int) ((z ^ (z >>> 32)) & 0x7FFFFFFF);
    }

    /** Counters of one call to train. */
    private static final class Run {
        final List<Double> stageSeconds = new ArrayList<>();
        final List<EpochReport> epochs = new ArrayList<>();
        long steps;
        double trainingSeconds;
    }
}
