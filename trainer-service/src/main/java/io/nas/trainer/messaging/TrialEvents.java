package io.nas.trainer.messaging;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.TrainingProgress;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the trainer publishes, keyed by trial id: {@code nas.training.progress} and {@code nas.accuracy}. */
@ApplicationScoped
public class TrialEvents {

    static final String ACCURACY = "accuracy";
    static final String PROGRESS = "progress";
    private static final Logger LOG = Logger.getLogger(TrialEvents.class);
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final Emitter<Record<String, AccuracyMeasured>> accuracy;
    private final Emitter<Record<String, TrainingProgress>> progress;

    public TrialEvents(@Channel(ACCURACY) Emitter<Record<String, AccuracyMeasured>> accuracy,
                       @Channel(PROGRESS) Emitter<Record<String, TrainingProgress>> progress) {
        this.accuracy = accuracy;
        this.progress = progress;
    }

    /** Returns once the broker acknowledged the answer, so that the proposal's offset is committed only after it. */
    public void accuracy(AccuracyMeasured answer) throws InterruptedException, ExecutionException, TimeoutException {
        accuracy.send(Record.of(answer.trialId(), answer)).toCompletableFuture().get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Does not wait: progress is for dashboards, and training must not stall on it. */
    public void progress(TrainingProgress event) {
        progress.send(Record.of(event.trialId(), event)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warnf("Progress of trial %s not published: %s", event.trialId(), failure.toString());
            }
        });
    }
}
