package io.nas.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrialIdsTest {

    @Test
    void aTrialIdIsTheExperimentIdAndTheSeq() {
        assertThat(TrialIds.of("exp-a-b", 12)).isEqualTo("exp-a-b-12");
        assertThat(TrialIds.seq("exp-a-b-12", "exp-a-b")).isEqualTo(12);
    }

    @Test
    void anIdOfAnotherExperimentOrWithoutASeqHasNone() {
        assertThat(TrialIds.seq("exp-b-3", "exp-a")).isEqualTo(-1);
        assertThat(TrialIds.seq("exp-a-0", "exp-a")).isEqualTo(-1);
        assertThat(TrialIds.seq("exp-a-07", "exp-a")).isEqualTo(-1);
        assertThat(TrialIds.seq("exp-a-x", "exp-a")).isEqualTo(-1);
        assertThat(TrialIds.seq("exp-a", "exp-a")).isEqualTo(-1);
        assertThat(TrialIds.seq(null, "exp-a")).isEqualTo(-1);
    }
}
