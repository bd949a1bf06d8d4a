package io.nas.outbox;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox rows in the order they were written and stamps them once the broker acknowledged
 * them. Woken after every commit that wrote a row, and sweeping at an interval for what a crash or a broker outage
 * left behind. A crash between the broker's acknowledgement and the stamp publishes a row again: delivery is at
 * least once, which idempotent consumers absorb (exactly-once reconciliation for nas.results comes with issue 5).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** One relay per service publishes at a time across replicas, so records of one key keep their order. */
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext(?1))";

    private final Emitter<String> emitter;
    private final OutboxConfig config;
    private final String lockName;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "outbox-relay"));
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    public OutboxRelay(@Channel("outbox") Emitter<String> emitter, OutboxConfig config,
                       @ConfigProperty(name = "quarkus.application.name") String application) {
        this.emitter = emitter;
        this.config = config;
        this.lockName = application + ".outbox";
    }

    void onStart(@Observes StartupEvent event) {
        long interval = config.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written event) {
        if (wakeQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeQueued.set(false);
                sweep();
            });
        }
    }

    private void sweep() {
        try {
            while (publishBatch() == config.batchSize()) {
                // A full batch: more may be waiting.
            }
        } catch (Exception e) {
            LOG.warnf("Outbox relay will retry in %s: %s", config.sweepInterval(), e.toString());
        }
    }

    private int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object locked = Panache.getEntityManager().createNativeQuery(LOCK)
                    .setParameter(1, lockName).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<OutboxRecord> batch = OutboxRecord.unpublished(config.batchSize());
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (OutboxRecord record : batch) {
                acks.add(send(record));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Instant now = Instant.now();
            batch.forEach(record -> record.publishedAt = now);
            return batch.size();
        });
    }

    private CompletableFuture<Void> send(OutboxRecord record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic)
                .withKey(record.recordKey)
                .build();
        emitter.send(Message.of(record.payload, Metadata.of(metadata),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }
}
