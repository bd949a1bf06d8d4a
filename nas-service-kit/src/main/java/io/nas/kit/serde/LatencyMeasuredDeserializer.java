package io.nas.kit.serde;

import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.EventJson;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@link LatencyMeasured} with the contract's JSON conventions; a record that breaks the contract fails here. */
public class LatencyMeasuredDeserializer extends ObjectMapperDeserializer<LatencyMeasured> {

    public LatencyMeasuredDeserializer() {
        super(LatencyMeasured.class, EventJson.mapper());
    }
}
