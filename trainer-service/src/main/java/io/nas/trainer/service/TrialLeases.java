package io.nas.trainer.service;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.storage.TrialObjects;
import io.nas.trainer.config.TrainerConfig;
import io.nas.trainer.domain.TrialLease;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Claims trials through {@code lease.json} so that a trial redelivered to a second replica while a first still
 * trains it is not trained twice. A claim waits while a live peer holds the lease (it renews it while training) and
 * ends when the lease expires or is released, or when the trial's {@code metrics.json} appears. A held lease is
 * renewed in the background until it is released; a renewal that finds another owner's lease marks it lost.
 */
@ApplicationScoped
public class TrialLeases {

    private static final Logger LOG = Logger.getLogger(TrialLeases.class);

    private final TrialStore store;
    private final TrainerConfig config;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "trial-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    public TrialLeases(TrialStore store, TrainerConfig config) {
        this.store = store;
        this.config = config;
    }

    @PreDestroy
    void shutdown() {
        renewals.shutdownNow();
    }

    /**
     * Claims the trial for this replica, waiting (re-checking every {@code lease.check-every}) while a live peer
     * holds it; answers instead with the trial's stored result when one appears.
     *
     * @throws LeaseWaitExceededException when a peer still holds the lease after {@code lease.max-wait}
     */
    public Claim claim(TrialObjects trial) throws Exception {
        TrainerConfig.Lease settings = config.lease();
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        boolean announced = false;
        while (true) {
            Optional<AccuracyMeasured> answered = store.metrics(trial);
            if (answered.isPresent()) {
                return new Claim.Answered(answered.get());
            }
            Optional<TrialLease> current = store.lease(trial);
            Instant now = Instant.now();
            if (current.isEmpty() || !current.get().heldAt(now) || current.get().owner().equals(config.id())) {
                // An earlier incarnation of this replica (same owner name, restarted) counts as a crash too.
                int crashes = current.map(lease -> lease.released() ? lease.crashes() : lease.crashes() + 1).orElse(0);
                TrialLease mine = new TrialLease(trial.trialId(), config.id(), UUID.randomUUID().toString(), now,
                        now.plus(settings.duration()), crashes, false);
                store.putLease(trial, mine);
                sleep(settings.settle());
                Optional<TrialLease> readBack = store.lease(trial);
                if (readBack.isPresent() && readBack.get().token().equals(mine.token())) {
                    return new Claim.Held(new HeldLease(trial, mine), current.orElse(null));
                }
                LOG.infof("Trial %s: a peer claimed it at the same moment (%s); looking again", trial.trialId(),
                        readBack.map(TrialLease::owner).orElse("lease gone"));
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new LeaseWaitExceededException(trial.trialId(), current.get().owner(), settings.maxWait());
            }
            if (!announced) {
                LOG.infof("Trial %s is leased by live peer %s until %s: waiting for its result or for the lease to expire",
                        trial.trialId(), current.get().owner(), current.get().expiresAt());
                announced = true;
            }
            sleep(settings.checkEvery());
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(Math.max(0, duration.toMillis()));
    }

    /** The outcome of a claim: this replica holds the lease, or the trial already has its answer. */
    public sealed interface Claim {

        /** {@code previous} is the lease this one replaced (null for the first claim of the trial). */
        record Held(HeldLease lease, TrialLease previous) implements Claim {
        }

        record Answered(AccuracyMeasured answer) implements Claim {
        }
    }

    /** A lease this replica holds: renewed every {@code lease.renew-every} until released or found lost. */
    public final class HeldLease {

        private final TrialObjects trial;
        private final ScheduledFuture<?> renewal;
        private volatile TrialLease lease;
        private volatile boolean lost;
        private boolean released;

        private HeldLease(TrialObjects trial, TrialLease lease) {
            this.trial = trial;
            this.lease = lease;
            long every = Math.max(1, config.lease().renewEvery().toMillis());
            this.renewal = renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        public TrialLease lease() {
            return lease;
        }

        /** True once a renewal found the lease in another owner's hands: this replica must stop and not answer. */
        public boolean lost() {
            return lost;
        }

        // Synchronized with release(): a renewal must not overwrite the released lease.
        private synchronized void renew() {
            if (released) {
                return;
            }
            try {
                Optional<TrialLease> current = store.lease(trial);
                if (current.isEmpty() || !current.get().token().equals(lease.token())) {
                    lost = true;
                    renewal.cancel(false);
                    LOG.warnf("Trial %s: lease lost to %s; this replica stops at the next stage boundary",
                            trial.trialId(), current.map(TrialLease::owner).orElse("nobody"));
                    return;
                }
                TrialLease renewed = lease.renewedUntil(Instant.now().plus(config.lease().duration()));
                store.putLease(trial, renewed);
                lease = renewed;
            } catch (Exception e) {
                // The next renewal tries again; until the lease expires no peer takes the trial.
                LOG.warnf("Trial %s: could not renew its lease: %s", trial.trialId(), e.toString());
            }
        }

        /** Stops renewing and, unless lost, marks the lease released so that a redelivery may claim it at once. */
        public synchronized void release() {
            released = true;
            renewal.cancel(false);
            if (lost) {
                return;
            }
            try {
                store.putLease(trial, lease.releasedAt(Instant.now()));
            } catch (Exception e) {
                LOG.warnf("Trial %s: could not release its lease (it expires at %s): %s", trial.trialId(),
                        lease.expiresAt(), e.toString());
            }
        }
    }
}
