package io.nas.trainer.service;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.EventJson;
import io.nas.storage.ObjectStore;
import io.nas.storage.TrialObjects;
import io.nas.trainer.domain.StageState;
import io.nas.trainer.domain.TrialLease;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A trial's artefacts in the object store, in the layout of {@link TrialObjects}, as JSON where they are records. */
@ApplicationScoped
public class TrialStore {

    private static final String JSON = "application/json";
    private static final String BINARY = "application/octet-stream";
    private static final long MAX_PAUSE_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(TrialStore.class);

    private final ObjectStore store;

    public TrialStore(ObjectStore store) {
        this.store = store;
    }

    /**
     * Returns once the bucket answers, retrying with a growing pause: without the object store no trial can be
     * answered or resumed safely, so the work waits in Kafka rather than failing or going to the DLQ.
     */
    public void awaitReachable() throws InterruptedException {
        long pause = 500;
        while (true) {
            try {
                store.ensureBucket();
                if (store.reachable()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.warnf("Object store unreachable (%s); retrying in %d ms", e.toString(), pause);
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    public Optional<AccuracyMeasured> metrics(TrialObjects trial) throws Exception {
        return read(trial.metrics(), AccuracyMeasured.class);
    }

    public void putMetrics(TrialObjects trial, AccuracyMeasured answer) throws Exception {
        write(trial.metrics(), answer);
    }

    public Optional<TrialLease> lease(TrialObjects trial) throws Exception {
        return read(trial.lease(), TrialLease.class);
    }

    public void putLease(TrialObjects trial, TrialLease lease) throws Exception {
        write(trial.lease(), lease);
    }

    public void putArchitecture(TrialObjects trial, String canonical) throws Exception {
        store.putText(trial.architecture(), canonical + "\n");
    }

    /** Parameters and optimizer state first, then the state: a stage whose state exists is complete. */
    public String putStage(TrialObjects trial, StageState state, byte[] parameters, byte[] optimizerState)
            throws Exception {
        String uri = store.put(trial.stageParams(state.stage()), parameters, BINARY);
        store.put(trial.stageOptimizer(state.stage()), optimizerState, BINARY);
        write(trial.stageState(state.stage()), state);
        return uri;
    }

    /** The latest complete stage checkpoint among stages 1..{@code stages}, with its parameters. */
    public Optional<StageCheckpointFound> lastStage(TrialObjects trial, int stages) throws Exception {
        for (int stage = stages; stage >= 1; stage--) {
            Optional<StageState> state = read(trial.stageState(stage), StageState.class);
            if (state.isPresent()) {
                Optional<byte[]> parameters = store.get(trial.stageParams(stage));
                Optional<byte[]> optimizerState = store.get(trial.stageOptimizer(stage));
                if (parameters.isPresent() && optimizerState.isPresent()) {
                    return Optional.of(new StageCheckpointFound(state.get(), parameters.get(), optimizerState.get()));
                }
            }
        }
        return Optional.empty();
    }

    public String putFinal(TrialObjects trial, byte[] parameters) throws Exception {
        return store.put(trial.finalParams(), parameters, BINARY);
    }

    private <T> Optional<T> read(String key, Class<T> type) throws Exception {
        store.ensureBucket();
        Optional<byte[]> bytes = store.get(key);
        return bytes.isEmpty() ? Optional.empty()
                : Optional.of(EventJson.read(new String(bytes.get(), StandardCharsets.UTF_8), type));
    }

    private void write(String key, Object value) throws Exception {
        store.put(key, EventJson.write(value).getBytes(StandardCharsets.UTF_8), JSON);
    }

    /** A stage checkpoint read back: its state, parameters and optimizer state. */
    public record StageCheckpointFound(StageState state, byte[] parameters, byte[] optimizerState) {
    }
}
