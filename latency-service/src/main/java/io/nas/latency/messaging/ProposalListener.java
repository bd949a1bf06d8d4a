package io.nas.latency.messaging;

import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialStatus;
import io.nas.latency.config.DeviceConfig;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.time.Instant;

/**
 * Answers on {@code nas.latency} every proposal that targets this replica's device type and skips the others. Until
 * the device probes land (issue 4) the answer is an honest {@code REFUSED} naming why, so no trial waits forever.
 */
@ApplicationScoped
public class ProposalListener {

    private final DeviceConfig device;

    public ProposalListener(DeviceConfig device) {
        this.device = device;
    }

    @Incoming("proposals")
    @Outgoing("latency")
    @Blocking
    public Record<String, LatencyMeasured> answer(Proposal proposal) {
        if (!proposal.deviceTypes().contains(device.type())) {
            // Returning null acknowledges the record and publishes nothing: another device type's farm answers it.
            return null;
        }
        var answer = new LatencyMeasured(null, proposal.trialId(), proposal.experimentId(), TrialStatus.REFUSED,
                "latency-service has no probe for device type '" + device.type() + "' yet: probes arrive with issue 4",
                device.type(), device.id(), null, null, null, null, null, null, Instant.now());
        return Record.of(proposal.trialId(), answer);
    }
}
