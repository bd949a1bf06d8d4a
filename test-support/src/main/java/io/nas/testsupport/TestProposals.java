package io.nas.testsupport;

import io.nas.contract.TrialIds;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrainingSpec;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** Valid proposals of the CPU-sized MnasNet space, for tests of the services that consume {@code nas.proposals}. */
public final class TestProposals {

    private TestProposals() {
    }

    /** Trial {@code experimentId-seq}: the space's first architecture, to be measured on {@code deviceTypes}. */
    public static Proposal proposal(String experimentId, long seq, List<String> deviceTypes) {
        SearchSpace space = SearchSpaces.of(SearchSpaceSpec.preset("mnasnet-cpu"));
        List<Integer> indices = Collections.nCopies(space.decisions().size(), 0);
        TrainingSpec training = new TrainingSpec("djl", "fashion-mnist", 2, 1, 32, 16, 32,
                0.1, 0.2, 0.0, 5.0, 0.0, 0.2, 512, 256, "relu", seq);
        return new Proposal(null, TrialIds.of(experimentId, seq), experimentId, seq, space.canonical(indices), indices,
                space.spec(), training, space.spec().resolution(), deviceTypes, 0L, 0.0, null, Instant.now());
    }
}
