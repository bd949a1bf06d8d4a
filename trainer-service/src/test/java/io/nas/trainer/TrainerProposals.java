package io.nas.trainer;

import io.nas.contract.TrialIds;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrainingSpec;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;
import io.nas.testsupport.TestProposals;

import java.time.Instant;
import java.util.List;

/** Proposals for the trainer's tests: tiny real trainings, NAS-Bench-201 lookups, candidates over the guard rails. */
final class TrainerProposals {

    /** A cell of NAS-Bench-201 (row 1 of search.csv): 82.83399999389648 % after 12 epochs, 10.84820688 s per epoch. */
    static final String NB201_CELL =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
    static final double NB201_CELL_ACCURACY = 0.8283399999389648;
    static final double NB201_CELL_SECONDS = 12 * 10.84820688;

    private TrainerProposals() {
    }

    /** The mnasnet-cpu space's first architecture, trained {@code stages} x 1 epoch on 256 / 128 images, 16 to 28 px. */
    static Proposal djl(String experimentId, long seq, int stages, int trainExamples) {
        TrainingSpec training = new TrainingSpec("djl", "fashion-mnist", stages, 1, 32, 16, 28,
                0.0, 0.1, 0.0, 2.0, 0.0, 0.0, trainExamples, 128, "relu", 7L);
        return withTraining(TestProposals.proposal(experimentId, seq, List.of("host-cpu")), training);
    }

    static Proposal djl(String experimentId, long seq) {
        return djl(experimentId, seq, 2, 256);
    }

    /** A NAS-Bench-201 cell for the tabular backend. */
    static Proposal tabular(String experimentId, long seq, String cell) {
        SearchSpace space = SearchSpaces.of(SearchSpaceSpec.preset("nb201"));
        TrainingSpec training = new TrainingSpec("tabular", "cifar10-valid", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        return new Proposal(null, TrialIds.of(experimentId, seq), experimentId, seq, cell, space.encode(cell),
                space.spec(), training, space.spec().resolution(), List.of("pixel3"), 0L, 0.0, null, Instant.now());
    }

    /**
     * The largest architecture of the full ImageNet-sized space (every choice at its last option), to be trained on
     * an ImageNet-style folder that need not exist: it is refused before anything is read.
     */
    static Proposal largest(String experimentId, long seq) {
        SearchSpace space = SearchSpaces.of(SearchSpaceSpec.preset("mnasnet"));
        List<Integer> indices = space.decisions().stream().map(d -> d.size() - 1).toList();
        TrainingSpec training = new TrainingSpec("djl", "folder:/data/imagenet/train", 1, 1, 32, 224, 224,
                null, null, null, null, null, null, 1000, 100, null, 1L);
        return new Proposal(null, TrialIds.of(experimentId, seq), experimentId, seq, space.canonical(indices), indices,
                space.spec(), training, space.spec().resolution(), List.of("host-cpu"), 0L, 0.0, null, Instant.now());
    }

    static Proposal withTraining(Proposal p, TrainingSpec training) {
        return new Proposal(p.schemaVersion(), p.trialId(), p.experimentId(), p.seq(), p.architecture(), p.indices(),
                p.space(), training, p.inferenceResolution(), p.deviceTypes(), p.policyVersion(), p.logProbability(),
                p.duplicateOf(), p.createdAt());
    }

    static Proposal withArchitecture(Proposal p, String architecture) {
        return new Proposal(p.schemaVersion(), p.trialId(), p.experimentId(), p.seq(), architecture, List.of(),
                p.space(), p.training(), p.inferenceResolution(), p.deviceTypes(), p.policyVersion(),
                p.logProbability(), p.duplicateOf(), p.createdAt());
    }
}
