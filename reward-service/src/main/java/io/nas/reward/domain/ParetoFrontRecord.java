package io.nas.reward.domain;

import io.nas.contract.event.EventJson;
import io.nas.search.reward.ParetoFront;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** The accuracy/latency front of one experiment on one device type; changed under the experiment's lock. */
@Entity
@Table(name = "pareto_front")
public class ParetoFrontRecord extends PanacheEntityBase {

    /** The points as stored: trial id, accuracy and latency in milliseconds. */
    public record Points(List<ParetoFront.Point> points) {
    }

    @Id
    public String id;

    @Column(name = "experiment_id", nullable = false)
    public String experimentId;

    @Column(name = "device_type", nullable = false)
    public String deviceType;

    @Column(nullable = false)
    public String points;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static ParetoFrontRecord of(String experimentId, String deviceType) {
        ParetoFrontRecord record = findById(experimentId + "|" + deviceType);
        if (record == null) {
            record = new ParetoFrontRecord();
            record.id = experimentId + "|" + deviceType;
            record.experimentId = experimentId;
            record.deviceType = deviceType;
            record.points = EventJson.write(new Points(List.of()));
        }
        return record;
    }

    public static List<ParetoFrontRecord> ofExperiment(String experimentId) {
        return list("experimentId = ?1 order by deviceType", experimentId);
    }

    public ParetoFront front() {
        return new ParetoFront(EventJson.read(points, Points.class).points());
    }

    public void store(ParetoFront front) {
        points = EventJson.write(new Points(front.points()));
        updatedAt = Instant.now();
        persist();
    }
}
