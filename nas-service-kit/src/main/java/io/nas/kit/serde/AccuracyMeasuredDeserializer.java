package io.nas.kit.serde;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.EventJson;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@link AccuracyMeasured} with the contract's JSON conventions; a record that breaks the contract fails here. */
public class AccuracyMeasuredDeserializer extends ObjectMapperDeserializer<AccuracyMeasured> {

    public AccuracyMeasuredDeserializer() {
        super(AccuracyMeasured.class, EventJson.mapper());
    }
}
