package io.nas.reward;

import io.nas.contract.Topics;
import io.nas.testsupport.KafkaBroker;
import io.nas.testsupport.NasInfraResource;

import java.util.List;
import java.util.Map;

/** The shared infrastructure plus the topics the trainers and latency farms would have created. */
public class RewardInfra extends NasInfraResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        KafkaBroker.shared().createTopics(List.of(Topics.ACCURACY, Topics.LATENCY), 3);
        return config;
    }
}
