package io.nas.trainer.service;

import io.nas.contract.event.Proposal;
import io.nas.trainer.domain.TrialOutcome;

/** How proposals of one {@code training.backend} are answered: {@code djl} trains for real, {@code tabular} looks up. */
public interface TrainingBackend {

    String DJL = "djl";
    String TABULAR = "tabular";

    /** The {@code training.backend} value this backend serves. */
    String name();

    /**
     * Everything that can be decided without allocating anything: the architecture parses and lies in the proposal's
     * space, the backend serves its family and dataset; counts params and multiply-adds where it can.
     */
    Candidate admit(Proposal proposal) throws TrialRefusedException;

    /** Trials that take long enough to need a lease, progress events and stage checkpoints. */
    boolean leased();

    /**
     * Trains the candidate to the end.
     *
     * @throws TrialAbandonedException at a stage boundary where {@link TrialSession#shouldStop()} said so
     * @throws TrialFailedException    when the training broke (NaN loss, out of memory, an engine error)
     */
    TrialOutcome train(Candidate candidate, TrialSession session) throws Exception;
}
