package io.nas.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The deployment's bucket, through the MinIO client: artefacts are addressed by key, published as {@code s3://} URIs.
 * Services get one from their configuration ({@code nas.object-store.*}); the command line builds one from its options.
 */
public class ObjectStore {

    private final MinioClient client;
    private final String bucket;
    private volatile boolean bucketKnown;

    public ObjectStore(String endpoint, String accessKey, String secretKey, String bucket, Optional<String> region) {
        MinioClient.Builder builder = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey);
        region.ifPresent(builder::region);
        this.client = builder.build();
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when missing; answers whether the store is reachable. */
    public boolean ensureBucket() throws Exception {
        if (!bucketKnown) {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                        throw e;
                    }
                }
            }
            bucketKnown = true;
        }
        return true;
    }

    /** A cheap round trip to the store, for readiness. */
    public boolean reachable() throws Exception {
        return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    }

    public String put(String key, byte[] content, String contentType) throws Exception {
        ensureBucket();
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType(contentType)
                .build());
        return uri(key);
    }

    public String putText(String key, String text) throws Exception {
        return put(key, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    public Optional<byte[]> get(String key) throws Exception {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(in.readAllBytes());
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public boolean exists(String key) throws Exception {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return false;
            }
            throw e;
        }
    }

    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code);
    }
}
