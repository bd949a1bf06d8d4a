package io.nas.kit.serde;

import io.nas.contract.event.TrialResult;
import io.nas.contract.event.EventJson;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@link TrialResult} with the contract's JSON conventions; a record that breaks the contract fails here. */
public class TrialResultDeserializer extends ObjectMapperDeserializer<TrialResult> {

    public TrialResultDeserializer() {
        super(TrialResult.class, EventJson.mapper());
    }
}
