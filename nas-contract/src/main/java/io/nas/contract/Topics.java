package io.nas.contract;

import java.util.List;

/** Every Kafka topic of the system, in one place (DESIGN.md, Events). */
public final class Topics {

    /** Compacted, keyed by experiment id: the full spec and its state. */
    public static final String EXPERIMENTS = "nas.experiments";
    /** Keyed by trial id: self-contained proposals for trainers and latency farms. */
    public static final String PROPOSALS = "nas.proposals";
    /** Keyed by trial id: stage and epoch progress of a training. */
    public static final String TRAINING_PROGRESS = "nas.training.progress";
    /** Keyed by trial id: the trainer's half of a trial. */
    public static final String ACCURACY = "nas.accuracy";
    /** Keyed by trial id: the latency farm's half of a trial. */
    public static final String LATENCY = "nas.latency";
    /** Compacted, keyed by experiment id: every policy version. */
    public static final String POLICY = "nas.policy";
    /** Public, keyed by trial id: joined trial results for other systems. */
    public static final String RESULTS = "nas.results";

    public static final List<String> ALL =
            List.of(EXPERIMENTS, PROPOSALS, TRAINING_PROGRESS, ACCURACY, LATENCY, POLICY, RESULTS);

    /** Topics whose records are keyed by a long-lived entity and must keep its latest value. */
    public static final List<String> COMPACTED = List.of(EXPERIMENTS, POLICY);

    private Topics() {
    }

    /** The dead-letter topic that sits beside {@code topic}. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }
}
