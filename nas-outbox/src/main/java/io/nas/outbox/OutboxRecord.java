package io.nas.outbox;

import io.nas.contract.event.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** An event to publish, written in the transaction that made it true; the relay sends it and stamps it. */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    /** The partition to send to; null lets the producer partition by key. */
    @Column(name = "record_partition")
    public Integer recordPartition;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set, and committed, before the relay first sends the row: a row sent but never stamped has it. */
    @Column(name = "attempted_at")
    public Instant attemptedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    public static OutboxRecord of(String topic, String key, Integer partition, Object event) {
        OutboxRecord record = new OutboxRecord();
        record.topic = topic;
        record.recordKey = key;
        record.recordPartition = partition;
        record.payload = EventJson.write(event);
        record.createdAt = Instant.now();
        return record;
    }

    /** Marks records as about to be sent, in a transaction of its own that commits before they are sent. */
    static void markAttempted(List<Long> ids, Instant at) {
        update("attemptedAt = ?1 where id in ?2 and attemptedAt is null", at, ids);
    }

    /** The oldest records not yet published, in the order they were written. */
    public static List<OutboxRecord> unpublished(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }
}
