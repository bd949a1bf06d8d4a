package io.nas.sampler;

import io.nas.contract.Topics;
import io.nas.testsupport.KafkaBroker;
import io.nas.testsupport.NasInfraResource;

import java.util.List;
import java.util.Map;

/** The shared infrastructure plus the topics other services would have created: the sampler only consumes them. */
public class SamplerInfra extends NasInfraResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        KafkaBroker.shared().createTopics(List.of(Topics.RESULTS, Topics.POLICY), 3);
        return config;
    }
}
