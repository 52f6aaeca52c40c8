package dev.modelport.registry.security;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is making a write: the name recorded in the audit log, and the role checks on it. */
public record Caller(String name, boolean admin) {

  /** The caller behind a request's identity. */
  public static Caller of(SecurityIdentity identity) {
    String name =
        identity.isAnonymous() || identity.getPrincipal() == null
            ? ApiKeyAuthenticationMechanism.ANONYMOUS
            : identity.getPrincipal().getName();
    return new Caller(name, identity.hasRole(Roles.ADMIN));
  }
}
