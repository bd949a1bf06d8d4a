package io.nas.launcher;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ServerTest {

    @Test
    void storesListsAndReturnsObjects() throws Exception {
        S3Server s3 = S3Server.shared();
        assertThat(S3Server.shared()).isSameAs(s3);
        MinioClient minio = MinioClient.builder()
                .endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
        String bucket = "nas-test-" + UUID.randomUUID().toString().substring(0, 8);

        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();

        byte[] content = "weights of trial 7".getBytes(StandardCharsets.UTF_8);
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object("models/trial-7.params")
                .stream(new ByteArrayInputStream(content), content.length, -1).build());

        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket)
                .object("models/trial-7.params").build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        List<String> names = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            names.add(item.get().objectName());
        }
        assertThat(names).containsExactly("models/trial-7.params");
    }

    @Test
    void rejectsWrongCredentials() {
        S3Server s3 = S3Server.shared();
        MinioClient intruder = MinioClient.builder()
                .endpoint(s3.endpoint()).credentials(s3.accessKey(), "not-the-secret").build();

        assertThatThrownBy(() -> intruder.makeBucket(MakeBucketArgs.builder()
                .bucket("nas-test-" + UUID.randomUUID().toString().substring(0, 8)).build()))
                .isInstanceOf(ErrorResponseException.class);
    }
}
