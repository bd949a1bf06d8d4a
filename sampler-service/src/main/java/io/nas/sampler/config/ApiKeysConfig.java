package io.nas.sampler.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;

/** {@code nas.api.*}: the keys that may create and stop experiments ({@code NAS_API_KEYS}, comma-separated). */
@ConfigMapping(prefix = "nas.api")
public interface ApiKeysConfig {

    List<String> keys();
}
