package io.nas.kit.storage;

import io.nas.storage.ObjectStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's {@link ObjectStore}, from {@code nas.object-store.*}. */
public class ObjectStoreProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(ObjectStoreConfig config) {
        return new ObjectStore(config.endpoint(), config.accessKey(), config.secretKey(), config.bucket(),
                config.region());
    }
}
