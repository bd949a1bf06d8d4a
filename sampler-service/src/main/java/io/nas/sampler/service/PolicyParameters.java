package io.nas.sampler.service;

import io.nas.contract.event.PolicyPublished;
import io.nas.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Base64;

/** The parameters of a published policy version: inline as base64, or in the object store at {@code parametersUri}. */
@ApplicationScoped
public class PolicyParameters {

    private final ObjectStore store;

    public PolicyParameters(ObjectStore store) {
        this.store = store;
    }

    public byte[] of(PolicyPublished policy) {
        if (policy.parametersBase64() != null) {
            try {
                return Base64.getDecoder().decode(policy.parametersBase64());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parametersBase64 is not base64: " + e.getMessage(), e);
            }
        }
        String uri = policy.parametersUri();
        String prefix = "s3://" + store.bucket() + "/";
        if (!uri.startsWith(prefix) || uri.length() == prefix.length()) {
            throw new IllegalArgumentException("parametersUri '" + uri + "' is not an object of this deployment's "
                    + "bucket (" + prefix + "...)");
        }
        String key = uri.substring(prefix.length());
        try {
            return store.get(key).orElseThrow(() -> new IllegalArgumentException("parametersUri '" + uri
                    + "' names no object"));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read parametersUri '" + uri + "': " + e.getMessage(), e);
        }
    }
}
