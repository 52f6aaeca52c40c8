package dev.modelport.drift.consumer;

import java.util.Locale;

/** Why an event was skipped; the {@code reason} tag of {@code modelport.drift.bad.events}. */
public enum BadEventReason {
  /**
   * Not an InferenceEvent protobuf, no model or version, or tensor bytes that do not fit their
   * shape.
   */
  UNDECODABLE,
  /** Inputs, shapes, datatypes or feature counts that do not match the version's signature. */
  SCHEMA_MISMATCH,
  /** A NaN or infinite value in a floating-point input. */
  NON_FINITE,
  /** A model version the registry does not know (or that has no tabular input features). */
  UNKNOWN_MODEL;

  /** The metric tag value ({@code schema_mismatch}). */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
