package io.nas.kit.serde;

import io.nas.contract.event.TrainingProgress;
import io.nas.contract.event.EventJson;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@link TrainingProgress} with the contract's JSON conventions; a record that breaks the contract fails here. */
public class TrainingProgressDeserializer extends ObjectMapperDeserializer<TrainingProgress> {

    public TrainingProgressDeserializer() {
        super(TrainingProgress.class, EventJson.mapper());
    }
}
