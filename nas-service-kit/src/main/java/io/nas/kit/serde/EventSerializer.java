package io.nas.kit.serde;

import io.nas.contract.event.EventJson;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/** Writes any event record with the contract's JSON conventions (also used for DLQ records). */
public class EventSerializer extends ObjectMapperSerializer<Object> {

    public EventSerializer() {
        super(EventJson.mapper());
    }
}
