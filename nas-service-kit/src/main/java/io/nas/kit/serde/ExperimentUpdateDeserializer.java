package io.nas.kit.serde;

import io.nas.contract.event.ExperimentUpdate;
import io.nas.contract.event.EventJson;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@link ExperimentUpdate} with the contract's JSON conventions; a record that breaks the contract fails here. */
public class ExperimentUpdateDeserializer extends ObjectMapperDeserializer<ExperimentUpdate> {

    public ExperimentUpdateDeserializer() {
        super(ExperimentUpdate.class, EventJson.mapper());
    }
}
