package io.nas.model.train;

import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;
import io.nas.model.DjlRuntime;
import io.nas.model.build.NasNetwork;
import io.nas.model.build.NetworkBuilder;
import io.nas.model.data.FashionMnistFixture;
import io.nas.model.data.ProxyTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** Short progressive runs of a real mnasnet-cpu candidate on real Fashion-MNIST. */
class ProgressiveTrainerTest {

    private static final MnasSearchSpace SPACE =
            (MnasSearchSpace) SearchSpaces.of(SearchSpaceSpec.preset("mnasnet-cpu"));
    /** The space's first candidate: plain 3x3 convs, about 30k parameters, milliseconds per step. */
    private static final MnasArchitecture SMALL =
            SPACE.decode(Collections.nCopies(SPACE.decisions().size(), 0));

    private static ProxyTask task;

    @BeforeAll
    static void engine() {
        DjlRuntime.init(1);
        task = ProxyTask.carve(FashionMnistFixture.training(), 640, 500, 3);
    }

    private static NasNetwork network() {
        return NetworkBuilder.build(SMALL, SPACE.frame());
    }

    private static TrainingPlan plan(int stages, int epochsPerStage) {
        ProgressiveSchedule schedule = ProgressiveSchedule.progressive(stages, epochsPerStage,
                new StageSettings(16, 0.05, 0, 0), new StageSettings(28, 0.15, 3, 0.2));
        return new TrainingPlan("djl", "fashion-mnist", schedule, 32, 640, 500, "relu", 5);
    }

    @Test
    void aShortProgressiveRunLearnsFarAboveChance() {
        NasNetwork network = network();
        Recorder recorder = new Recorder();

        TrainingOutcome outcome = new ProgressiveTrainer().train(network, task, plan(2, 2), recorder, null);

        assertThat(outcome.accuracy()).isGreaterThan(0.5);
        assertThat(outcome.steps()).isEqualTo(4 * 20);
        assertThat(outcome.stageSeconds()).hasSize(2);
        assertThat(outcome.trainingSeconds()).isCloseTo(outcome.stageSeconds().get(0) + outcome.stageSeconds().get(1),
                offset(1e-9));
        assertThat(outcome.imagesPerSecond()).isCloseTo(80 * 32 / outcome.trainingSeconds(), offset(1e-6));
        assertThat(outcome.finalParameters()).isNotEmpty();
        assertThat(recorder.epochs).extracting(EpochReport::imageSize).containsExactly(16, 16, 28, 28);
        assertThat(recorder.epochs).extracting(EpochReport::steps).containsExactly(20L, 40L, 60L, 80L);
        assertThat(recorder.epochs).allSatisfy(report -> {
            assertThat(report.accuracy()).isBetween(0.0, 1.0);
            assertThat(report.loss()).isPositive().isFinite();
        });
        assertThat(recorder.epochs.get(3).accuracy()).isEqualTo(outcome.accuracy());
        assertThat(recorder.epochs.get(3).accuracy()).isGreaterThan(recorder.epochs.get(0).accuracy());
        assertThat(recorder.checkpoints).extracting(StageCheckpoint::stage).containsExactly(0, 1);
        assertThat(recorder.checkpoints.get(1).position().finished()).isTrue();
        assertThat(recorder.checkpoints.get(1).parameters()).isEqualTo(outcome.finalParameters());
        assertThat(network.dropout().rate()).isEqualTo(0.15);

        // The stored parameters in a freshly built network give the accuracy the run reported.
        assertThat(ProgressiveTrainer.heldOutAccuracy(network().block(), task, 28, outcome.finalParameters()))
                .isCloseTo(outcome.accuracy(), offset(1e-9));
    }

    @Test
    void aRunResumedAfterItsFirstStageFinishesLikeTheUninterruptedRun() throws Exception {
        Recorder uninterrupted = new Recorder();
        TrainingOutcome whole = new ProgressiveTrainer().train(network(), task, plan(3, 1), uninterrupted, null);
        StageCheckpoint afterFirst = StageCheckpoint.fromBytes(uninterrupted.checkpoints.get(0).toBytes());

        Recorder resumed = new Recorder();
        TrainingOutcome rest = new ProgressiveTrainer().train(network(), task, plan(3, 1), resumed, afterFirst);

        assertThat(rest.steps()).isEqualTo(whole.steps());
        assertThat(rest.stageSeconds()).hasSize(3);
        assertThat(rest.stageSeconds().get(0)).isEqualTo(whole.stageSeconds().get(0));
        assertThat(resumed.epochs).extracting(EpochReport::stage).containsExactly(1, 2);
        assertThat(resumed.checkpoints).extracting(StageCheckpoint::stage).containsExactly(1, 2);
        // Seeds, data order, momentum buffers and the step-indexed learning rate all carry over: the same numbers.
        assertThat(rest.accuracy()).isCloseTo(whole.accuracy(), offset(1e-4));
        assertThat(resumed.epochs.get(0).loss()).isCloseTo(uninterrupted.epochs.get(1).loss(), offset(1e-4));
    }

    @Test
    void aCheckpointOfAnotherPlanIsRefused() {
        StageCheckpoint foreign = new StageCheckpoint(new TrainingPosition(0, 5, 10, 100, 1, List.of(1.0), 5),
                new byte[0], new byte[0]);

        assertThatThrownBy(() -> new ProgressiveTrainer().train(network(), task, plan(2, 1), TrainingObserver.NONE,
                foreign)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different plan");
    }

    @Test
    void theObserverCanAbandonTheRunAtAStageBoundary() {
        Recorder stopAfterFirstStage = new Recorder() {
            @Override
            public boolean shouldStop() {
                return !checkpoints.isEmpty();
            }
        };

        assertThatThrownBy(() -> new ProgressiveTrainer().train(network(), task, plan(3, 1), stopAfterFirstStage,
                null))
                .isInstanceOfSatisfying(TrainingAbandonedException.class, e -> assertThat(e.nextStage()).isEqualTo(1));
        assertThat(stopAfterFirstStage.checkpoints).hasSize(1);
    }

    @Test
    void aNanLossFailsWithTrainingDivergedException() {
        MomentumSgd.Settings absurd = new MomentumSgd.Settings(1e30, 0.9, 0, 0);

        assertThatThrownBy(() -> new ProgressiveTrainer(absurd, 2).train(network(), task, plan(2, 1),
                TrainingObserver.NONE, null))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.stage()).isZero();
                    assertThat(e).hasMessageContaining("NaN");
                });
    }

    /** Keeps what the trainer reports. */
    private static class Recorder implements TrainingObserver {
        final List<EpochReport> epochs = new ArrayList<>();
        final List<StageCheckpoint> checkpoints = new ArrayList<>();

        @Override
        public void onEpochEnd(EpochReport report) {
            epochs.add(report);
        }

        @Override
        public void onStageEnd(int stage, StageCheckpoint checkpoint) {
            checkpoints.add(checkpoint);
        }
    }
}
