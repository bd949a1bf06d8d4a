package io.nas.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** This replica: its name, the guard rails on what it trains, trial leases and the two training backends. */
@ConfigMapping(prefix = "nas.trainer")
public interface TrainerConfig {

    /** Names this replica: its static group membership, the owner of its leases, {@code trainerId} in events. */
    String id();

    /** Candidates with more trainable parameters are refused before anything is allocated. */
    @WithDefault("5000000")
    long maxParams();

    /** Candidates with more multiply-adds at the proposal's inference resolution are refused likewise. */
    @WithDefault("400000000")
    long maxMadds();

    /**
     * How many trainers may die while holding a trial's lease before the trial is answered {@code FAILED} instead of
     * resumed once more: a candidate that kills its trainer (native out of memory) is not retried forever.
     */
    @WithDefault("3")
    int maxCrashes();

    Lease lease();

    Tabular tabular();

    Djl djl();

    /** The per-trial lease in the object store ({@code lease.json}). */
    interface Lease {

        /** How long a lease lasts unless renewed; a dead owner's trial can be taken over this long after its last renewal. */
        @WithDefault("60s")
        Duration duration();

        /** How often the owner renews its lease while training; well below {@link #duration()}. */
        @WithDefault("20s")
        Duration renewEvery();

        /** How often a replica that waits for a peer's lease looks again (for expiry or {@code metrics.json}). */
        @WithDefault("2s")
        Duration checkEvery();

        /**
         * Pause between writing a lease and reading it back: two replicas that both found the trial free both write,
         * and after this pause both read the later write, so only one of them trains (S3 has no compare-and-set).
         */
        @WithDefault("500ms")
        Duration settle();

        /**
         * How long a replica waits for a live peer's lease before it gives the proposal to the DLQ (the peer is still
         * renewing: it trains the trial and will answer it). Longer than any trial should take.
         */
        @WithDefault("6h")
        Duration maxWait();
    }

    /** The {@code tabular} backend: NAS-Bench-201 cells answered from a table of recorded results. */
    interface Tabular {

        /** The table; by default {@code shared/bench/nb201/search.csv} in the nearest directory above the working directory that has one. */
        Optional<Path> csv();

        /** Sleeps simulated training seconds times this factor before answering; 0 answers at once. */
        @WithDefault("0")
        double timeScale();
    }

    /** The {@code djl} backend: real training on the proxy task. */
    interface Djl {

        /** PyTorch threads for training: the cores dedicated to this trainer (more than that slows it down). */
        @WithDefault("1")
        int threads();

        /** Where Debian's {@code dataset-fashion-mnist} puts the idx files. */
        @WithDefault("/usr/share/datasets/fashion-mnist")
        Path fashionMnist();
    }
}
