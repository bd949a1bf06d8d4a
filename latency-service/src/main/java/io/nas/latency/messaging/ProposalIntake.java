package io.nas.latency.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes a broken device out of its consumer group so that its partitions move to healthy peers. Pausing alone would
 * not: a paused member keeps heartbeating and keeps its partitions. The consumer unsubscribes instead; as a static
 * member it sends no LeaveGroup, so the group rebalances once {@code session.timeout.ms} passes without heartbeats,
 * exactly as after a crash. The delay lets the last answer's offset commit go out first (commits and the unsubscribe
 * run in order on the polling thread). SmallRye then keeps retrying its poll with back-off and logs that the consumer
 * is not subscribed; the replica stays out until it restarts (readiness is DOWN, see DeviceReadinessCheck).
 */
@ApplicationScoped
public class ProposalIntake {

    static final String CHANNEL = "proposals";
    private static final Duration COMMIT_GRACE = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(ProposalIntake.class);

    private final KafkaClientService clients;
    private final AtomicBoolean left = new AtomicBoolean();

    public ProposalIntake(KafkaClientService clients) {
        this.clients = clients;
    }

    public void leaveGroup() {
        if (!left.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().voidItem().onItem().delayIt().by(COMMIT_GRACE)
                .chain(() -> clients.<String, Object>getConsumer(CHANNEL).runOnPollingThread(consumer -> {
                    consumer.pause(consumer.assignment());
                    consumer.unsubscribe();
                }))
                .subscribe().with(
                        done -> LOG.warn("Left the consumer group: this device's partitions move to its peers"),
                        failure -> LOG.error("Could not leave the consumer group", failure));
    }

    public boolean hasLeft() {
        return left.get();
    }
}
