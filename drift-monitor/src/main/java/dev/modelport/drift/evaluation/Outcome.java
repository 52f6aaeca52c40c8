package dev.modelport.drift.evaluation;

import java.util.Locale;

/**
 * What a window's evaluation concluded; the {@code outcome} tag of {@code modelport.drift.windows}.
 */
public enum Outcome {
  /** The data set drifted (the share of drifted features reached the threshold). */
  DRIFT,
  /** Compared with the baseline; no dataset drift (single features may still have drifted). */
  NO_DRIFT,
  /** The version has no (usable) baseline: nothing was compared. */
  NO_BASELINE;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
