package io.nas.sampler.domain;

import io.nas.contract.event.ExperimentState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The budget rules of one experiment row, without a database. */
class ExperimentBudgetTest {

    @Test
    void aSecondsBudgetStopsProposingOnceItIsSpent() {
        Experiment experiment = running(100.0);
        experiment.proposed = 3;
        experiment.completed = 3;
        experiment.trainingSeconds = 99.0;
        assertThat(experiment.mayPropose()).isTrue();
        experiment.trainingSeconds = 100.0;
        assertThat(experiment.mayPropose()).isFalse();
        assertThat(experiment.finished()).isTrue();
    }

    @Test
    void aSearchOfMostlyRepeatsConvergesEvenWithSecondsLeft() {
        Experiment experiment = running(12_000.0);
        experiment.proposed = 2 * Experiment.CONVERGED_DUPLICATES;
        experiment.completed = experiment.proposed;
        experiment.duplicates = Experiment.CONVERGED_DUPLICATES - 1;
        experiment.answeredDuplicates = experiment.duplicates;
        experiment.trainingSeconds = 10.0;
        assertThat(experiment.converged()).isFalse();
        assertThat(experiment.mayPropose()).isTrue();

        experiment.duplicates = Experiment.CONVERGED_DUPLICATES;
        experiment.answeredDuplicates = experiment.duplicates;
        assertThat(experiment.converged()).isTrue();
        assertThat(experiment.mayPropose()).isFalse();
        assertThat(experiment.finished()).isTrue();
    }

    @Test
    void manyRepeatsAmongMoreNewArchitecturesAreNotConvergence() {
        Experiment experiment = running(12_000.0);
        experiment.proposed = 3 * Experiment.CONVERGED_DUPLICATES;
        experiment.duplicates = Experiment.CONVERGED_DUPLICATES;
        assertThat(experiment.converged()).isFalse();
    }

    private static Experiment running(double maxTrainingSeconds) {
        Experiment experiment = new Experiment();
        experiment.state = ExperimentState.RUNNING;
        experiment.maxTrainingSeconds = maxTrainingSeconds;
        experiment.maxInFlight = 1;
        return experiment;
    }
}
