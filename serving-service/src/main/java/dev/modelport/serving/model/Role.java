package dev.modelport.serving.model;

import java.util.Locale;

/** The part a loaded version plays in its model's deployment. */
public enum Role {
  /** Answers requests that name no version (all of them unless a canary takes its share). */
  PRIMARY,
  /** Answers a weighted share of the requests that name no version. */
  CANARY,
  /** Gets a copy of each primary request after the primary answered; its answers are recorded. */
  SHADOW,
  /** Loaded only to answer requests that name it (the local source's other versions). */
  PINNED;

  /** The lower-case name used in metric tags and metadata. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
