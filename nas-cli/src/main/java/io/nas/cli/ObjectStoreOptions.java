package io.nas.cli;

import io.nas.storage.ObjectStore;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * Where the deployment's object store lies, for commands that read or write it. The defaults are the services'
 * ({@code nas.object-store.*}) and the same environment variables override them.
 */
public class ObjectStoreOptions {

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            defaultValue = "${env:NAS_OBJECT_STORE_ENDPOINT:-http://localhost:9000}",
            description = "S3 endpoint (default: ${DEFAULT-VALUE}; env NAS_OBJECT_STORE_ENDPOINT).")
    String endpoint;

    @Option(names = "--s3-access-key", defaultValue = "${env:NAS_OBJECT_STORE_ACCESS_KEY:-minioadmin}",
            description = "S3 access key (env NAS_OBJECT_STORE_ACCESS_KEY).")
    String accessKey;

    @Option(names = "--s3-secret-key", defaultValue = "${env:NAS_OBJECT_STORE_SECRET_KEY:-minioadmin}",
            description = "S3 secret key (env NAS_OBJECT_STORE_SECRET_KEY).")
    String secretKey;

    @Option(names = "--bucket", defaultValue = "${env:NAS_OBJECT_STORE_BUCKET:-nas}",
            description = "The deployment's bucket (default: ${DEFAULT-VALUE}; env NAS_OBJECT_STORE_BUCKET).")
    String bucket;

    public ObjectStore connect() {
        return new ObjectStore(endpoint, accessKey, secretKey, bucket, Optional.empty());
    }

    public String endpoint() {
        return endpoint;
    }
}
