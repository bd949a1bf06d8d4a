package io.nas.reward.domain;

import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.TrialStatus;
import io.quarkus.hibernate.orm.panache.Panache;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every latency half received, one per trial and device type, kept for reporting whether or not it joined. */
public final class LatencyMeasurement {

    private static final String INSERT = "insert into {h-schema}latency_measurement (trial_id, device_type, "
            + "experiment_id, status, reason, device_id, p50_ms, p90_ms, mean_ms, std_ms, runs, method, measured_at) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
            + "on conflict (trial_id, device_type) do nothing";

    private static final String FIND = "select status, reason, device_id, p50_ms from {h-schema}latency_measurement "
            + "where trial_id = ?1 and device_type = ?2";
    private static final String MEASURED = "select device_type, p50_ms from {h-schema}latency_measurement "
            + "where trial_id = ?1 and status = 'OK'";

    /** What a join takes from a device type's half: its status and reason, the device and the median latency. */
    public record Half(TrialStatus status, String reason, String deviceId, Double p50Ms) {
    }

    private LatencyMeasurement() {
    }

    /** The half of {@code deviceType} for a trial, if it arrived. */
    public static Optional<Half> find(String trialId, String deviceType) {
        List<?> rows = Panache.getEntityManager().createNativeQuery(FIND)
                .setParameter(1, trialId)
                .setParameter(2, deviceType)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Half(TrialStatus.valueOf((String) row[0]), (String) row[1], (String) row[2],
                row[3] == null ? null : ((Number) row[3]).doubleValue()));
    }

    /** The median latency of every device type that measured the trial successfully. */
    public static Map<String, Double> measured(String trialId) {
        Map<String, Double> latencies = new TreeMap<>();
        for (Object row : Panache.getEntityManager().createNativeQuery(MEASURED).setParameter(1, trialId)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            latencies.put((String) columns[0], ((Number) columns[1]).doubleValue());
        }
        return latencies;
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
