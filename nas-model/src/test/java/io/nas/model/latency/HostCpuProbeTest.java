package io.nas.model.latency;

import io.nas.contract.event.LatencyMethod;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaces;
import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostCpuProbeTest {

    /** The standard plan with a 1 s budget, to keep the suite short. */
    private static final TimingPlan PLAN = new TimingPlan(10, 100, 30, 100_000, 1_000, 0.005);

    @Test
    void measuresARandomCpuCandidateAgainAndAgain() {
        MnasSearchSpace space = (MnasSearchSpace) SearchSpaces.of("mnasnet-cpu");
        Random random = new Random(3);
        String canonical = space.canonical(space.decisions().stream().map(d -> random.nextInt(d.size())).toList());
        HostCpuProbe probe = new HostCpuProbe(1, PLAN);
        ProbeRequest request = ProbeRequest.of(canonical, space.spec(), null);

        for (int i = 0; i < 3; i++) {
            LatencyMeasurement measurement = probe.measure(request);
            assertThat(measurement.method()).isEqualTo(LatencyMethod.MEASURED);
            assertThat(measurement.runs()).isGreaterThanOrEqualTo(PLAN.minRuns());
            assertThat(measurement.p50Ms()).isPositive().isLessThanOrEqualTo(measurement.p90Ms());
            assertThat(measurement.meanMs()).isPositive();
            assertThat(measurement.stdMs()).isNotNegative();
        }
        // How repeatable the figures are is the repeatability benchmark's to show, on a quiet machine: a test shares
        // the CPU with whatever else runs.
    }

    @Test
    void reportsOnTheScaleOfTheConfiguredReference() {
        // The candidate is the reference's own architecture: a shared CPU's contention slows networks of other
        // shapes by other amounts (a tiny one's ratio to the reference moved by up to 28% in a CI run), this one not.
        HostCpuProbe calibrated = new HostCpuProbe(1, PLAN);
        double referenceMs = calibrated.referenceMs();
        ProbeRequest request = ProbeRequest.of(InferenceTimer.referenceArchitecture(),
                SearchSpaces.of("mnasnet-cpu").spec(), null);
        HostCpuProbe doubled = new HostCpuProbe(1, PLAN, OptionalDouble.of(2 * referenceMs));

        assertThat(referenceMs).isPositive();
        assertThat(doubled.referenceMs()).isEqualTo(2 * referenceMs);
        // Each run is a ratio to the reference run beside it: the reference timed against itself reads the scale's
        // p50, and a configured reference twice the calibrated one doubles the figures, whatever the CPU's speed does
        // between the measurements.
        double atCalibration = calibrated.measure(request).p50Ms();
        assertThat(atCalibration / referenceMs).isBetween(0.85, 1.15);
        assertThat(doubled.measure(request).p50Ms() / atCalibration).isBetween(1.7, 2.3);
    }

    @Test
    void refusesAReferenceThatIsNotPositive() {
        assertThatThrownBy(() -> new HostCpuProbe(1, PLAN, OptionalDouble.of(0.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference");
    }

    @Test
    void refusesACellWithAReason() {
        ProbeRequest cell = ProbeRequest.of("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|"
                + "nor_conv_3x3~1|skip_connect~2|", io.nas.contract.space.SearchSpaceSpec.preset("nb201"), null);
        assertThatThrownBy(() -> new HostCpuProbe().measure(cell))
                .isInstanceOf(ProbeFailedException.class).hasMessageContaining("MnasNet-style");
    }

    @Test
    void reportsTheCpusItMayRunOn() {
        assertThat(HostCpuProbe.allowedCpus()).isNotBlank();
    }
}
