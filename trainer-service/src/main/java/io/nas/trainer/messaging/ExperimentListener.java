package io.nas.trainer.messaging;

import io.nas.contract.event.ExperimentUpdate;
import io.nas.trainer.service.StoppedExperiments;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Follows experiment states on {@code nas.experiments} so that trials of stopped experiments end early. */
@ApplicationScoped
public class ExperimentListener {

    private final StoppedExperiments stopped;

    public ExperimentListener(StoppedExperiments stopped) {
        this.stopped = stopped;
    }

    @Incoming("experiments")
    public void onUpdate(ConsumerRecord<String, ExperimentUpdate> record) {
        // A tombstone (experiment deleted) changes nothing: its trials are not stopped by it.
        if (record.value() != null) {
            stopped.record(record.value());
        }
    }
}
