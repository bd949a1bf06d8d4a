package io.nas.kit.serde;

import io.nas.contract.event.PolicyPublished;
import io.nas.contract.event.EventJson;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@link PolicyPublished} with the contract's JSON conventions; a record that breaks the contract fails here. */
public class PolicyPublishedDeserializer extends ObjectMapperDeserializer<PolicyPublished> {

    public PolicyPublishedDeserializer() {
        super(PolicyPublished.class, EventJson.mapper());
    }
}
