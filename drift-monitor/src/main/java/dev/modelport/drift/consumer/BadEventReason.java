package dev.modelport.drift.consumer;

import dev.modelport.drift.baseline.RegistryAnswers;
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
  UNKNOWN_MODEL,
  /** A model name or version the registry refuses as too long (414, 431). */
  REQUEST_TOO_LONG,
  /** A model name or version the registry refuses as invalid (400, 422). */
  INVALID_REQUEST,
  /** Another 4xx answer of the registry that says the request itself is wrong. */
  REGISTRY_REFUSED;

  /** The reason for an event whose request the registry refused. */
  public static BadEventReason of(RegistryAnswers.Verdict verdict) {
    return switch (verdict) {
      case UNKNOWN_VERSION -> UNKNOWN_MODEL;
      case REQUEST_TOO_LONG -> REQUEST_TOO_LONG;
      case INVALID_REQUEST -> INVALID_REQUEST;
      case REFUSED -> REGISTRY_REFUSED;
      case RETRY -> throw new IllegalArgumentException("a retried event is not bad");
    };
  }

  /** The metric tag value ({@code schema_mismatch}). */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
