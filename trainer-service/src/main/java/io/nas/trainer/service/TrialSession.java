package io.nas.trainer.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrainingProgress;
import io.nas.storage.TrialObjects;
import io.nas.trainer.domain.StageState;
import io.nas.trainer.messaging.TrialEvents;
import io.nas.trainer.service.TrialLeases.HeldLease;
import io.nas.trainer.service.TrialStore.StageCheckpointFound;

import java.time.Instant;
import java.util.Optional;

/**
 * What a backend sees of the system while it trains one trial: where to resume, where progress and stage
 * checkpoints go, and whether to stop at the next stage boundary. Training time counts from the session's start
 * plus what earlier trainers of the trial recorded in the stage checkpoint it resumes from.
 */
public final class TrialSession {

    static final String EXPERIMENT_STOPPED = "experiment stopped";

    private final Proposal proposal;
    private final TrialObjects objects;
    private final String trainerId;
    private final TrialStore store;
    private final TrialEvents events;
    private final StoppedExperiments stopped;
    private final HeldLease lease;
    private final long startedAt = System.nanoTime();
    private double secondsBefore;
    private int lastStage;
    private int stages;

    TrialSession(Proposal proposal, String trainerId, TrialStore store, TrialEvents events, StoppedExperiments stopped,
                 HeldLease lease) {
        this.proposal = proposal;
        this.objects = new TrialObjects(proposal.experimentId(), proposal.trialId());
        this.trainerId = trainerId;
        this.store = store;
        this.events = events;
        this.stopped = stopped;
        this.lease = lease;
    }

    public Proposal proposal() {
        return proposal;
    }

    public String trainerId() {
        return trainerId;
    }

    /**
     * The latest complete stage checkpoint of this trial among its {@code stages} stages, left by an earlier trainer;
     * the training time it recorded counts toward this trial's.
     */
    public Optional<StageCheckpointFound> resumePoint(int stages) throws Exception {
        this.stages = stages;
        Optional<StageCheckpointFound> found = store.lastStage(objects, stages);
        found.ifPresent(checkpoint -> {
            secondsBefore = checkpoint.state().elapsedSeconds();
            lastStage = checkpoint.state().stage();
        });
        return found;
    }

    /** Seconds this trial has trained, across the trainers that took part. */
    public double elapsedSeconds() {
        return secondsBefore + (System.nanoTime() - startedAt) / 1e9;
    }

    /** Publishes {@code nas.training.progress}; {@code stage} counts from 1. */
    public void progress(int stage, int stages, Integer epoch, Integer imageSize, Double loss, Double accuracy) {
        events.progress(new TrainingProgress(null, proposal.trialId(), proposal.experimentId(), stage, stages, epoch,
                imageSize, finiteOrNull(loss), fractionOrNull(accuracy), elapsedSeconds(), trainerId, Instant.now()));
    }

    /**
     * Stores stage {@code stage}'s checkpoint (counted from 1): parameters and optimizer state, then its state, with
     * the seconds spent in training steps so far.
     */
    public void stageCompleted(int stage, int stages, double trainingSeconds, long images, JsonNode resume,
                               byte[] parameters, byte[] optimizerState) throws Exception {
        store.putStage(objects, new StageState(stage, stages, trainingSeconds, elapsedSeconds(), images, trainerId,
                Instant.now(), resume), parameters, optimizerState);
        this.lastStage = stage;
        this.stages = stages;
    }

    public String putFinal(byte[] parameters) throws Exception {
        return store.putFinal(objects, parameters);
    }

    /** Asked at stage boundaries: the experiment was stopped, or a peer took the lease over. */
    public boolean shouldStop() {
        return stopped.isStopped(proposal.experimentId()) || (lease != null && lease.lost());
    }

    /** Why to stop, as {@link TrainingBackend#train} reports it once it has stopped at a boundary. */
    public TrialAbandonedException abandoned() {
        boolean leaseLost = lease != null && lease.lost();
        String reason = leaseLost ? "lease lost to a peer" : EXPERIMENT_STOPPED;
        String where = stages == 0 ? "" : lastStage == 0 ? " before stage 1 of " + stages
                : " after stage " + lastStage + " of " + stages;
        return new TrialAbandonedException(reason + where, leaseLost);
    }

    private static Double finiteOrNull(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private static Double fractionOrNull(Double value) {
        return value == null || !(value >= 0.0 && value <= 1.0) ? null : value;
    }
}
