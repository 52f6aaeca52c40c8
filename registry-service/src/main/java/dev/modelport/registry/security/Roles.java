package dev.modelport.registry.security;

import java.util.List;
import java.util.Set;

/**
 * The three roles of API keys. Each role includes the ones below it: {@code admin} can do what
 * {@code publisher} can, which can do what {@code reader} can.
 */
public final class Roles {
  /** Reads models, versions, artifacts, aliases, baselines, the audit log and the change feed. */
  public static final String READER = "reader";

  /** Creates and updates models, uploads versions, sets unprotected aliases. */
  public static final String PUBLISHER = "publisher";

  /** Deletes models and aliases, moves protected aliases. */
  public static final String ADMIN = "admin";

  private static final List<String> ORDER = List.of(READER, PUBLISHER, ADMIN);

  private Roles() {}

  /** The role names granted to a key with {@code role}; throws for an unknown role. */
  public static Set<String> grantedBy(String role) {
    int rank = ORDER.indexOf(role);
    if (rank < 0) {
      throw new IllegalArgumentException(
          "unknown role '" + role + "'; expected reader, publisher or admin");
    }
    return Set.copyOf(ORDER.subList(0, rank + 1));
  }
}
