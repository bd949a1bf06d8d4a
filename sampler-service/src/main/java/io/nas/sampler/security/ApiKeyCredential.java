package io.nas.sampler.security;

import io.quarkus.security.credential.TokenCredential;

/** An API key as sent in {@code Authorization: Bearer} or {@code X-API-Key}. */
public class ApiKeyCredential extends TokenCredential {

    public static final String TYPE = "api-key";

    public ApiKeyCredential(String key) {
        super(key, TYPE);
    }
}
