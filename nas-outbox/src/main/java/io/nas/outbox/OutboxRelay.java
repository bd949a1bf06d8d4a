package io.nas.outbox;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox rows in the order they were written and stamps them once the broker acknowledged
 * them. Woken after every commit that wrote a row, and sweeping at an interval for what a crash or a broker outage
 * left behind. Exactly once: a row's attempt is committed before it is sent, and a row that was attempted but never
 * stamped (a crash between the acknowledgement and the stamp, a timed-out batch, a replica that died) is first
 * looked up on its topic by the {@link OutboxReconciler} and stamped instead of sent when it is there.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** One relay per service publishes at a time across replicas, so records of one key keep their order. */
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext(?1))";

    private final Emitter<String> emitter;
    private final OutboxReconciler reconciler;
    private final OutboxConfig config;
    private final String lockName;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "outbox-relay"));
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    public OutboxRelay(@Channel("outbox") Emitter<String> emitter, OutboxReconciler reconciler, OutboxConfig config,
                       @ConfigProperty(name = "quarkus.application.name") String application) {
        this.emitter = emitter;
        this.reconciler = reconciler;
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
            List<OutboxRecord> toSend = withoutThoseOnTheBroker(batch);
            Instant attempt = Instant.now();
            List<Long> ids = toSend.stream().map(record -> record.id).toList();
            if (!ids.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> OutboxRecord.markAttempted(ids, attempt));
            }
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (OutboxRecord record : toSend) {
                if (record.attemptedAt == null) {
                    record.attemptedAt = attempt;
                }
                acks.add(send(record));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Instant now = Instant.now();
            toSend.forEach(record -> record.publishedAt = now);
            return batch.size();
        });
    }

    /** Stamps the rows an earlier attempt already put on the broker and answers the others, in order. */
    private List<OutboxRecord> withoutThoseOnTheBroker(List<OutboxRecord> batch) {
        List<OutboxRecord> attempted = batch.stream().filter(record -> record.attemptedAt != null).toList();
        if (attempted.isEmpty()) {
            return batch;
        }
        Set<Long> onBroker = reconciler.published(attempted);
        Instant now = Instant.now();
        List<OutboxRecord> toSend = new ArrayList<>();
        for (OutboxRecord record : batch) {
            if (onBroker.contains(record.id)) {
                record.publishedAt = now;
            } else {
                toSend.add(record);
            }
        }
        return toSend;
    }

    private CompletableFuture<Void> send(OutboxRecord record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        var builder = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic)
                .withKey(record.recordKey)
                .withHeaders(new RecordHeaders().add(OutboxReconciler.HEADER,
                        reconciler.headerValue(record.id).getBytes(StandardCharsets.UTF_8)));
        if (record.recordPartition != null) {
            builder.withPartition(record.recordPartition);
        }
        var metadata = builder.build();
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
