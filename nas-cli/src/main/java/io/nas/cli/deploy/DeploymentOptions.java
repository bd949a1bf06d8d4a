package io.nas.cli.deploy;

import io.nas.cli.api.NasApi;
import picocli.CommandLine.Option;

/** Where a running deployment's REST APIs answer, and the sampler's API key for writes. */
public class DeploymentOptions {

    @Option(names = "--sampler-url", defaultValue = "${env:NAS_SAMPLER_URL:-http://localhost:8081}",
            description = "The sampler service (default: ${DEFAULT-VALUE}; env NAS_SAMPLER_URL).")
    String samplerUrl;

    @Option(names = "--reward-url", defaultValue = "${env:NAS_REWARD_URL:-http://localhost:8084}",
            description = "The reward service (default: ${DEFAULT-VALUE}; env NAS_REWARD_URL).")
    String rewardUrl;

    @Option(names = "--api-key", defaultValue = "${env:NAS_API_KEY:-dev-key}",
            description = "API key for creating and stopping experiments (env NAS_API_KEY; the deployment's "
                    + "NAS_API_KEYS holds the valid ones).")
    String apiKey;

    NasApi api() {
        return new NasApi(samplerUrl, rewardUrl, apiKey);
    }
}
