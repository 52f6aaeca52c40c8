package dev.modelport.serving.model;

import java.util.Optional;

/**
 * Which versions serve a model: a primary selector, an optional canary taking {@code canaryWeight}
 * percent of the requests that name no version, and an optional shadow that gets a copy of each
 * primary request. Immutable; validated on construction.
 *
 * @param model model name
 * @param primary the primary selector
 * @param canary the canary selector, if any
 * @param canaryWeight percent of requests the canary answers, 0..100
 * @param shadow the shadow selector, if any
 */
public record Deployment(
    String model,
    Selector primary,
    Optional<Selector> canary,
    int canaryWeight,
    Optional<Selector> shadow) {

  public Deployment {
    if (primary == null) {
      throw new IllegalArgumentException("deployment of '" + model + "': primary is required");
    }
    canary = canary == null ? Optional.empty() : canary;
    shadow = shadow == null ? Optional.empty() : shadow;
    if (canaryWeight < 0 || canaryWeight > 100) {
      throw new IllegalArgumentException(
          "modelport.serving.deployments.\""
              + model
              + "\".canary-weight: must be 0..100 (percent), got "
              + canaryWeight);
    }
  }

  /** A deployment with only a primary. */
  public static Deployment primaryOnly(String model, Selector primary) {
    return new Deployment(model, primary, Optional.empty(), 0, Optional.empty());
  }
}
