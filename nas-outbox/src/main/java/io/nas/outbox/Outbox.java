package io.nas.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Where the service puts the events it publishes: a row in the caller's transaction, so an event goes out if and
 * only if the state change it describes commits. The relay publishes it once the transaction has committed.
 */
@ApplicationScoped
public class Outbox {

    /** Fired inside the writing transaction; the relay observes it after a successful commit. */
    public record Written() {
    }

    private final Event<Written> written;

    public Outbox(Event<Written> written) {
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, Object event) {
        publish(topic, key, null, event);
    }

    /** As {@link #publish(String, String, Object)}, to the given partition (null: the producer partitions by key). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, Integer partition, Object event) {
        OutboxRecord.of(topic, key, partition, event).persist();
        written.fire(new Written());
    }
}
