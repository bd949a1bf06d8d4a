package io.nas.kit.serde;

import io.nas.contract.event.Proposal;
import io.nas.contract.event.EventJson;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@link Proposal} with the contract's JSON conventions; a record that breaks the contract fails here. */
public class ProposalDeserializer extends ObjectMapperDeserializer<Proposal> {

    public ProposalDeserializer() {
        super(Proposal.class, EventJson.mapper());
    }
}
