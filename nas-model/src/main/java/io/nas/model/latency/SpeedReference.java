package io.nas.model.latency;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpacePresets;
import io.nas.contract.space.SearchSpaces;
import io.nas.model.build.NasNetwork;
import io.nas.model.build.NetworkBuilder;

import java.util.logging.Logger;

/**
 * The network every {@code host-cpu} timing runs alongside, so that a timing measures the candidate relative to this
 * CPU's speed at that moment. A shared or virtual CPU changes speed by tens of percent within seconds (measured: the
 * same network's median over 2.5 s windows varied with a coefficient of variation of 19 to 27%, while its ratio to
 * another network interleaved with it varied by 1.1 to 1.4%). Times are scaled by {@code calibrated / reference now},
 * so they stay in this device's milliseconds at the speed the process calibrated (or was configured) with.
 *
 * <p>The reference is the {@code mnasnet-cpu} preset's middle architecture (the middle choice of every decision) at the
 * preset's resolution: an inverted-bottleneck network of the kind candidates are made of. One instance per process,
 * built and calibrated on first use; its arrays live as long as the process.
 */
final class SpeedReference {

    private static final Logger LOG = Logger.getLogger(SpeedReference.class.getName());
    private static SpeedReference process;

    private final String canonical;
    private final InferenceTimer.Subject subject;
    private final double calibratedMs;

    private SpeedReference(String canonical, InferenceTimer.Subject subject, double calibratedMs) {
        this.canonical = canonical;
        this.subject = subject;
        this.calibratedMs = calibratedMs;
    }

    /** The process's reference, built, warmed up and timed alone the first time (a few seconds, once). */
    static synchronized SpeedReference process() {
        if (process == null) {
            MnasSearchSpace space = SearchSpaces.mnas(SearchSpacePresets.MNASNET_CPU);
            MnasArchitecture architecture = space.decode(space.decisions().stream().map(d -> d.size() / 2).toList());
            NasNetwork network = NetworkBuilder.build(architecture, space.frame());
            Shape shape = network.inputShape(ProbeRequest.BATCH, space.frame().resolution());
            // Never closed: the reference runs next to every timing for the rest of the process.
            NDManager manager = NDManager.newBaseManager();
            network.block().initialize(manager, DataType.FLOAT32, shape);
            InferenceTimer.Subject subject = new InferenceTimer.Subject(manager, network.block(),
                    new ParameterStore(manager, false), InferenceTimer.randomInput(shape), shape);
            double calibrated = InferenceTimer.calibrate(subject);
            LOG.info(String.format("host-cpu speed reference %s: p50 %.3f ms at calibration; timings are scaled to it",
                    architecture.canonical(), calibrated));
            process = new SpeedReference(architecture.canonical(), subject, calibrated);
        }
        return process;
    }

    String canonical() {
        return canonical;
    }

    InferenceTimer.Subject subject() {
        return subject;
    }

    /** The reference's p50 in milliseconds when this process calibrated. */
    double calibratedMs() {
        return calibratedMs;
    }
}
