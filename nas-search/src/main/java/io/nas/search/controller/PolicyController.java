package io.nas.search.controller;

import io.nas.contract.space.SearchSpace;
import io.nas.search.Observation;

import java.util.List;

/**
 * A policy-gradient search strategy split across two services: the reward service owns the {@link ControllerState}
 * and {@link #update}s it one batch at a time; the sampler receives {@link ControllerState#weights()} and draws
 * from {@link #policy}. Same seed and same batches in the same order give bit-identical states and draws.
 */
public interface PolicyController {

    String strategy();

    /** How many finished trials the reward service collects for one update (update itself takes any non-empty batch). */
    int batchSize();

    /** The state before any result; parameters initialised from {@code seed}. */
    ControllerState initial(SearchSpace space, long seed);

    /**
     * One policy update from one batch. The batch is taken in seq order (sorted here, so arrival order does not
     * matter) and each observation's recorded log-probability is the one it was sampled with. Returns a new state;
     * the given one is not changed.
     */
    ControllerState update(ControllerState state, List<Observation> batch);

    /** The sampler's view of {@link ControllerState#weights()}; refuses weights of another strategy or space. */
    Policy policy(byte[] weights, SearchSpace space);

    /** Reads {@link ControllerState#toBytes()} back; refuses a state of another strategy or shape. */
    ControllerState state(byte[] bytes);
}
