package dev.modelport.serving.model;

import dev.modelport.protocol.model.VersionNumber;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deployment with its selectors resolved to version numbers: what the model manager loads and
 * routes to. Immutable.
 *
 * @param primary the primary version
 * @param canary the canary version, if any
 * @param canaryWeight percent of the requests that name no version the canary answers
 * @param shadow the shadow version, if any
 * @param pinned further versions loaded only for requests that name them
 */
public record ResolvedDeployment(
    VersionNumber primary,
    Optional<VersionNumber> canary,
    int canaryWeight,
    Optional<VersionNumber> shadow,
    Set<VersionNumber> pinned) {

  public ResolvedDeployment {
    canary = canary == null ? Optional.empty() : canary;
    shadow = shadow == null ? Optional.empty() : shadow;
    pinned = Set.copyOf(pinned == null ? Set.of() : pinned);
  }

  /** Only a primary. */
  public static ResolvedDeployment primaryOnly(VersionNumber primary) {
    return new ResolvedDeployment(primary, Optional.empty(), 0, Optional.empty(), Set.of());
  }

  /** Every version the deployment needs loaded, ascending. */
  public Set<VersionNumber> versions() {
    TreeSet<VersionNumber> all = new TreeSet<>(pinned);
    all.add(primary);
    canary.ifPresent(all::add);
    shadow.ifPresent(all::add);
    return all;
  }

  /** The role of {@code version}: primary first, then canary, shadow, pinned. */
  public Role roleOf(VersionNumber version) {
    if (version.equals(primary)) {
      return Role.PRIMARY;
    }
    if (canary.isPresent() && canary.get().equals(version)) {
      return Role.CANARY;
    }
    if (shadow.isPresent() && shadow.get().equals(version)) {
      return Role.SHADOW;
    }
    return Role.PINNED;
  }
}
