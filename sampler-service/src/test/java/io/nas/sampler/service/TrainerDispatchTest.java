package io.nas.sampler.service;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerDispatchTest {

    @Test
    void choosesTheMemberWithTheFewestTrialsInFlightThenItsEmptiestPartition() {
        List<List<Integer>> members = List.of(List.of(0, 1), List.of(2));
        assertThat(TrainerDispatch.leastLoaded(members, Map.of())).isZero();
        assertThat(TrainerDispatch.leastLoaded(members, Map.of(0, 1L))).isEqualTo(2);
        assertThat(TrainerDispatch.leastLoaded(members, Map.of(0, 1L, 2, 1L))).isEqualTo(1);
        assertThat(TrainerDispatch.leastLoaded(members, Map.of(0, 1L, 1, 1L, 2, 1L))).isEqualTo(2);
        // Trials on a partition no member owns (its trainer left) load nobody.
        assertThat(TrainerDispatch.leastLoaded(members, Map.of(2, 1L, 7, 5L))).isZero();
    }
}
