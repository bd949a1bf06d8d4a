package io.nas.latency.messaging;

import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.Proposal;
import io.nas.latency.service.DeviceState;
import io.nas.latency.service.LatencyService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * One proposal at a time (ordered blocking; consumer settings in application.properties): answered on
 * {@code nas.latency} when it targets this replica's device type, skipped otherwise. The proposal is acknowledged
 * once its answer is on the broker. A record that cannot be read, or whose answer cannot be stored, goes to the DLQ.
 */
@ApplicationScoped
public class ProposalListener {

    private final LatencyService latency;
    private final DeviceState device;
    private final ProposalIntake intake;

    public ProposalListener(LatencyService latency, DeviceState device, ProposalIntake intake) {
        this.latency = latency;
        this.device = device;
        this.intake = intake;
    }

    @Incoming(ProposalIntake.CHANNEL)
    @Outgoing("latency")
    @Blocking(ordered = true)
    public Record<String, LatencyMeasured> answer(Proposal proposal) throws Exception {
        // Returning null acknowledges the record and publishes nothing: another device type's farm answers it.
        Record<String, LatencyMeasured> answer = latency.answer(proposal)
                .map(measured -> Record.of(proposal.trialId(), measured)).orElse(null);
        if (device.outOfService()) {
            intake.leaveGroup();
        }
        return answer;
    }
}
