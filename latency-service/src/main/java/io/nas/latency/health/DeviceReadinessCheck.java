package io.nas.latency.health;

import io.nas.latency.config.DeviceConfig;
import io.nas.latency.service.DeviceState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN once the device failed {@code nas.device.max-consecutive-failures} measurements in a row: the replica has left
 * its consumer group and takes no work until it is restarted. Readiness, not liveness: a restart is an operator's
 * decision (fix or swap the device first), not a loop for the orchestrator.
 */
@Readiness
@ApplicationScoped
public class DeviceReadinessCheck implements HealthCheck {

    private final DeviceConfig config;
    private final DeviceState device;

    public DeviceReadinessCheck(DeviceConfig config, DeviceState device) {
        this.config = config;
        this.device = device;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("device")
                .status(!device.outOfService())
                .withData("type", config.type())
                .withData("id", config.id())
                .withData("probe", config.probe())
                .withData("consecutiveFailures", device.consecutiveFailures());
        if (device.lastFailure() != null) {
            response.withData("lastFailure", device.lastFailure());
        }
        return response.build();
    }
}
