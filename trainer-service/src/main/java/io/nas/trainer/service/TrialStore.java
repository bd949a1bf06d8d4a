package io.nas.trainer.service;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.EventJson;
import io.nas.storage.ObjectStore;
import io.nas.storage.TrialObjects;
import io.nas.trainer.domain.StageState;
import io.nas.trainer.domain.TrialLease;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A trial's artefacts in the object store, in the layout of {@link TrialObjects}, as JSON where they are records. */
@ApplicationScoped
public class TrialStore {

    private static final String JSON = "application/json";
    private static final String BINARY = "application/octet-stream";
    private static final long MAX_PAUSE_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(TrialStore.class);

    private final ObjectStore store;
    private final ExecutorService writes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "trial-store-writes");
        thread.setDaemon(true);
        return thread;
    });

    public TrialStore(ObjectStore store) {
        this.store = store;
    }

    @PreDestroy
    void shutdown() {
        writes.shutdown();
    }

    /**
     * The trial's stored answer, read once the object store answers, retrying with a growing pause: without the
     * object store no trial can be answered or resumed safely, so the work waits in Kafka rather than failing or going
     * to the DLQ. The read is its own probe: a reachable store costs one round trip.
     */
    public Optional<AccuracyMeasured> metricsOnceReachable(TrialObjects trial) throws Exception {
        long pause = 500;
        while (true) {
            Optional<byte[]> bytes;
            try {
                store.ensureBucket();
                bytes = store.get(trial.metrics());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.warnf("Object store unreachable (%s); retrying in %d ms", e.toString(), pause);
                Thread.sleep(pause);
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
                continue;
            }
            return bytes.map(json -> EventJson.read(new String(json, StandardCharsets.UTF_8), AccuracyMeasured.class));
        }
    }

    public Optional<AccuracyMeasured> metrics(TrialObjects trial) throws Exception {
        return read(trial.metrics(), AccuracyMeasured.class);
    }

    public void putMetrics(TrialObjects trial, AccuracyMeasured answer) throws Exception {
        write(trial.metrics(), answer);
    }

    /** {@link #putMetrics} on the store's writer thread, so the caller can publish the answer meanwhile. */
    public CompletableFuture<Void> putMetricsLater(TrialObjects trial, AccuracyMeasured answer) {
        return later(() -> putMetrics(trial, answer));
    }

    public Optional<TrialLease> lease(TrialObjects trial) throws Exception {
        return read(trial.lease(), TrialLease.class);
    }

    public void putLease(TrialObjects trial, TrialLease lease) throws Exception {
        write(trial.lease(), lease);
    }

    /** Written while the trial trains: nothing waits for it but the trial's answer. */
    public CompletableFuture<Void> putArchitecture(TrialObjects trial, String canonical) {
        return later(() -> store.putText(trial.architecture(), canonical + "\n"));
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

    private CompletableFuture<Void> later(Write write) {
        return CompletableFuture.runAsync(() -> {
            try {
                write.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, writes);
    }

    private interface Write {
        void run() throws Exception;
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
