package io.nas.trainer.service;

import io.nas.contract.arch.Architecture;
import io.nas.contract.event.Proposal;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.trainer.config.TrainerConfig;
import io.nas.trainer.domain.TrialOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.Set;

/**
 * Answers NAS-Bench-201 cells from {@link Nb201Table} as the benchmark's protocol does: accuracy is the 12-epoch
 * validation accuracy, the training time 12 epochs' worth, simulated (slept only when {@code tabular.time-scale} > 0).
 */
@ApplicationScoped
public class TabularBackend implements TrainingBackend {

    static final int EPOCHS = 12;
    /** What the table recorded; a proposal may also leave the dataset out. */
    static final Set<String> DATASETS = Set.of("cifar10", "cifar10-valid");

    private final Nb201Table table;
    private final double timeScale;

    public TabularBackend(Nb201Table table, TrainerConfig config) {
        this.table = table;
        this.timeScale = config.tabular().timeScale();
    }

    @Override
    public String name() {
        return TABULAR;
    }

    @Override
    public Candidate admit(Proposal proposal) throws TrialRefusedException {
        String dataset = proposal.training().dataset();
        if (dataset != null && !DATASETS.contains(dataset)) {
            throw new TrialRefusedException("the tabular backend holds NAS-Bench-201 results on " + DATASETS
                    + ", not dataset '" + dataset + "'");
        }
        Architecture architecture = ArchitectureAdmission.admit(proposal, SearchSpaceSpec.NB201, name()).architecture();
        try {
            if (table.row(architecture.canonical()).isEmpty()) {
                throw new TrialRefusedException("cell " + architecture.canonical() + " is not in the NAS-Bench-201 table");
            }
        } catch (IOException e) {
            throw new TrialRefusedException("the NAS-Bench-201 table cannot be read: " + e.getMessage());
        }
        return new Candidate(proposal, architecture, null, null);
    }

    @Override
    public boolean leased() {
        return false;
    }

    @Override
    public TrialOutcome train(Candidate candidate, TrialSession session) throws Exception {
        Nb201Table.Row row = table.row(candidate.architecture().canonical()).orElseThrow();
        double seconds = EPOCHS * row.trainSecondsPerEpoch();
        if (timeScale > 0) {
            Thread.sleep(Math.round(seconds * timeScale * 1000));
        }
        return new TrialOutcome(row.validAccuracy12Epochs() / 100.0, seconds, null, null);
    }
}
