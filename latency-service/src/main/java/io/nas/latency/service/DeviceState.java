package io.nas.latency.service;

import io.nas.latency.config.DeviceConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether this replica's device still works: FAILED measurements in a row, reset by a good one. After
 * {@code nas.device.max-consecutive-failures} the device is out of service for good (until the replica restarts):
 * readiness turns DOWN and the replica leaves its consumer group, see ProposalIntake.
 */
@ApplicationScoped
public class DeviceState {

    private final int maxConsecutiveFailures;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile boolean outOfService;

    public DeviceState(DeviceConfig device) {
        this.maxConsecutiveFailures = device.maxConsecutiveFailures();
    }

    public void succeeded() {
        consecutiveFailures.set(0);
    }

    /** Records a failed measurement; true when this failure takes the device out of service. */
    public synchronized boolean failed(String reason) {
        lastFailure.set(reason);
        if (consecutiveFailures.incrementAndGet() >= maxConsecutiveFailures && !outOfService) {
            outOfService = true;
            return true;
        }
        return false;
    }

    public boolean outOfService() {
        return outOfService;
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public String lastFailure() {
        return lastFailure.get();
    }
}
