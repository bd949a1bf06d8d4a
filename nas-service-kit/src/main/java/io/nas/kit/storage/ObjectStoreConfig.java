package io.nas.kit.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Where the object store (MinIO or any S3 API) lies: one bucket per deployment. */
@ConfigMapping(prefix = "nas.object-store")
public interface ObjectStoreConfig {

    @WithDefault("http://localhost:9000")
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("nas")
    String bucket();

    Optional<String> region();
}
