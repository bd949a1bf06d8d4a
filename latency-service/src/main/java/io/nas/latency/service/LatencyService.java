package io.nas.latency.service;

import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialStatus;
import io.nas.latency.config.DeviceConfig;
import io.nas.model.latency.LatencyMeasurement;
import io.nas.model.latency.ProbeFailedException;
import io.nas.model.latency.ProbeRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One device's answer to a proposal: from the object store when the trial was answered before (a redelivery), else
 * measured on the device (on a worker, bounded by {@code nas.device.timeout}), predicted from the device's lookup
 * table, or refused. Every answer is stored before it is published, so a redelivery is answered alike.
 */
@ApplicationScoped
public class LatencyService {

    private static final Logger LOG = Logger.getLogger(LatencyService.class);

    private final DeviceConfig device;
    private final DeviceProbes probes;
    private final MeasurementStore store;
    private final DeviceState state;
    private ExecutorService worker = newWorker();

    public LatencyService(DeviceConfig device, DeviceProbes probes, MeasurementStore store, DeviceState state) {
        this.device = device;
        this.probes = probes;
        this.store = store;
        this.state = state;
    }

    /**
     * The answer of this replica's device type, or empty when the proposal targets other devices only or repeats an
     * earlier trial's architecture ({@code duplicateOf}: the reward service reuses that trial's latency).
     */
    public Optional<LatencyMeasured> answer(Proposal proposal) throws Exception {
        if (!proposal.deviceTypes().contains(device.type()) || proposal.duplicateOf() != null) {
            return Optional.empty();
        }
        Optional<LatencyMeasured> stored = store.answer(proposal.experimentId(), proposal.trialId(), device.type());
        if (stored.isPresent()) {
            LOG.debugf("%s answered from the object store", proposal.trialId());
            return stored;
        }
        LatencyMeasured answer = decide(proposal);
        store.putAnswer(answer);
        return Optional.of(answer);
    }

    private LatencyMeasured decide(Proposal proposal) {
        if (state.outOfService()) {
            return answer(proposal, TrialStatus.FAILED, "device " + device.id() + " is out of service after "
                    + state.consecutiveFailures() + " failed measurements in a row (last: " + state.lastFailure()
                    + "); restart the replica once the device works", null);
        }
        ProbeRequest request;
        try {
            request = ProbeRequest.of(proposal.architecture(), proposal.space(), proposal.inferenceResolution());
        } catch (IllegalArgumentException e) {
            return answer(proposal, TrialStatus.REFUSED, "not an architecture of its search space: " + e.getMessage(),
                    null);
        }
        if (!probes.replays() && request.frame() == null) {
            return answer(proposal, TrialStatus.REFUSED, "device type " + device.type() + " builds MnasNet-space "
                    + "networks only; NAS-Bench-201 cells are answered by replay devices", null);
        }
        if (!probes.replays() && proposal.latencyMethodOrDefault() == LatencyMethod.PREDICTED) {
            return predicted(proposal, request);
        }
        try {
            LatencyMeasurement measurement = measure(request);
            state.succeeded();
            return answer(proposal, TrialStatus.OK, null, measurement);
        } catch (ProbeFailedException e) {
            if (state.failed(e.getMessage())) {
                LOG.errorf("Device %s failed %d measurements in a row, last: %s; taking it out of service",
                        device.id(), state.consecutiveFailures(), e.getMessage());
            }
            return answer(proposal, TrialStatus.FAILED, e.getMessage(), null);
        }
    }

    /** A lookup-table answer; a missing table is a setup problem, not the device's, so it does not count as failing. */
    private LatencyMeasured predicted(Proposal proposal, ProbeRequest request) {
        String preset = proposal.space().resolved().preset();
        try {
            Optional<LatencyMeasurement> predicted = probes.predict(preset, request);
            if (predicted.isEmpty()) {
                return answer(proposal, TrialStatus.FAILED, "no lookup table for device type " + device.type()
                        + " and space preset " + preset + " at " + store.lookupTableUri(device.type(), preset)
                        + ": build it on such a device with ./nas latency build-lut --device " + device.type()
                        + " --preset " + preset, null);
            }
            return answer(proposal, TrialStatus.OK, null, predicted.get());
        } catch (ProbeFailedException e) {
            return answer(proposal, TrialStatus.FAILED, e.getMessage(), null);
        } catch (Exception e) {
            return answer(proposal, TrialStatus.FAILED, "lookup table of " + device.type() + "/" + preset
                    + " unusable: " + e, null);
        }
    }

    /**
     * Times the request on the worker thread. A measurement past the timeout is abandoned with its thread (a native
     * call may not be interruptible) and the next one gets a fresh worker.
     */
    private synchronized LatencyMeasurement measure(ProbeRequest request) {
        Future<LatencyMeasurement> running = worker.submit(() -> probes.probe().measure(request));
        try {
            return running.get(device.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new ProbeFailedException("measurement on " + device.id() + " exceeded nas.device.timeout ("
                    + device.timeout().toMillis() + " ms)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProbeFailedException failed) {
                throw failed;
            }
            throw new ProbeFailedException("measurement on " + device.id() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailedException("measurement on " + device.id() + " interrupted");
        }
    }

    private LatencyMeasured answer(Proposal proposal, TrialStatus status, String reason, LatencyMeasurement m) {
        return new LatencyMeasured(null, proposal.trialId(), proposal.experimentId(), status, reason, device.type(),
                device.id(), m == null ? null : m.p50Ms(), m == null ? null : m.p90Ms(), m == null ? null : m.meanMs(),
                m == null ? null : m.stdMs(), m == null ? null : m.runs(), m == null ? null : m.method(),
                Instant.now());
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "latency-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    synchronized void stop() {
        worker.shutdownNow();
    }
}
