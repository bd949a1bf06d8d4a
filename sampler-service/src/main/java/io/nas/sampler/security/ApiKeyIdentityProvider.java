package io.nas.sampler.security;

import io.nas.sampler.config.ApiKeysConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Accepts a key that equals one of {@code nas.api.keys} (compared in constant time) as the identity
 * {@code api-key-<n>}, n its position in the list, so logs can tell keys apart without showing them.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    private final List<byte[]> keys;

    public ApiKeyIdentityProvider(ApiKeysConfig config) {
        this.keys = config.keys().stream().map(String::trim).filter(key -> !key.isEmpty())
                .map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
        if (keys.isEmpty()) {
            LOG.warn("nas.api.keys holds no key: every POST to the sampler will be refused");
        }
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        byte[] sent = request.getToken().getToken().getBytes(StandardCharsets.UTF_8);
        int match = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(keys.get(i), sent) && match < 0) {
                match = i;
            }
        }
        if (match < 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the API key sent is not one of "
                    + "nas.api.keys"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("api-key-" + (match + 1)))
                .addCredential(request.getToken())
                .build());
    }
}
