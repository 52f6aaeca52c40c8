package dev.modelport.registry.security;

import dev.modelport.registry.RegistryConfig;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Reads the API key from {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}. Without a
 * key the caller is anonymous: with {@code anonymous-read} it may read (an anonymous identity
 * holding {@code reader}); writes then fail with 401. With security disabled every caller is an
 * anonymous admin.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
  static final String ANONYMOUS = "anonymous";

  private final RegistryConfig config;

  @Inject
  ApiKeyAuthenticationMechanism(RegistryConfig config) {
    this.config = config;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    if (!config.security().enabled()) {
      return Uni.createFrom().item(anonymous(Roles.grantedBy(Roles.ADMIN)));
    }
    String key = presentedKey(context);
    if (key != null) {
      return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(key));
    }
    if (config.security().anonymousRead()) {
      return Uni.createFrom().item(anonymous(Set.of(Roles.READER)));
    }
    return Uni.createFrom().optional(java.util.Optional.empty());
  }

  private static SecurityIdentity anonymous(Set<String> roles) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(ANONYMOUS))
        .setAnonymous(true)
        .addRoles(roles)
        .build();
  }

  private static String presentedKey(RoutingContext context) {
    String authorization = context.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    String apiKey = context.request().getHeader("X-Api-Key");
    return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom()
        .item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"modelport-registry\""));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyAuthenticationRequest.class);
  }
}
