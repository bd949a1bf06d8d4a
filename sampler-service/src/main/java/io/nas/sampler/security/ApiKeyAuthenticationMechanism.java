package io.nas.sampler.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Set;

/**
 * Reads an API key from {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>} and hands it to
 * {@link ApiKeyIdentityProvider}. A request without either stays anonymous: reading endpoints are open, and the
 * writing ones ({@code @Authenticated}) answer 401.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = key(context);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new TokenAuthenticationRequest(new ApiKeyCredential(key)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    /** The key sent, from whichever header carries one; blank values count as none. */
    private static String key(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            String key = authorization.substring(BEARER.length()).trim();
            if (!key.isEmpty()) {
                return key;
            }
        }
        String apiKey = context.request().getHeader(API_KEY_HEADER);
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
