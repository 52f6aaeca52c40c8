package dev.modelport.registry.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented by a caller, to be checked by {@link ApiKeyIdentityProvider}. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
  private final String key;

  public ApiKeyAuthenticationRequest(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
