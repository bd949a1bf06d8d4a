package io.nas.kit.storage;

import io.nas.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the bucket answers: a service that cannot write checkpoints or measurements must not take work. */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {

    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("object-store").withData("bucket", store.bucket());
        try {
            store.ensureBucket();
            return response.status(store.reachable()).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
