package io.nas.reward.domain;

import io.nas.contract.event.LatencyMeasured;
import io.quarkus.hibernate.orm.panache.Panache;

import java.sql.Timestamp;

/** Every latency half received, one per trial and device type, kept for reporting whether or not it joined. */
public final class LatencyMeasurement {

    private static final String INSERT = "insert into {h-schema}latency_measurement (trial_id, device_type, "
            + "experiment_id, status, reason, device_id, p50_ms, p90_ms, mean_ms, std_ms, runs, method, measured_at) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
            + "on conflict (trial_id, device_type) do nothing";

    private LatencyMeasurement() {
    }

    /** Stores the half unless one of its trial and device type is stored already (a redelivery). */
    public static void keep(LatencyMeasured half) {
        Panache.getEntityManager().createNativeQuery(INSERT)
                .setParameter(1, half.trialId())
                .setParameter(2, half.deviceType())
                .setParameter(3, half.experimentId())
                .setParameter(4, half.status().name())
                .setParameter(5, half.reason())
                .setParameter(6, half.deviceId())
                .setParameter(7, half.p50Ms())
                .setParameter(8, half.p90Ms())
                .setParameter(9, half.meanMs())
                .setParameter(10, half.stdMs())
                .setParameter(11, half.runs())
                .setParameter(12, half.method() == null ? null : half.method().name().toLowerCase())
                .setParameter(13, half.at() == null ? null : Timestamp.from(half.at()))
                .executeUpdate();
    }
}
