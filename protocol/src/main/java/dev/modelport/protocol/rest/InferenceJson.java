package dev.modelport.protocol.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Jackson configuration the V2 JSON types are read and written with. */
public final class InferenceJson {

  /** Shared, never reconfigured after creation: thread-safe. */
  static final ObjectMapper MAPPER = newMapper();

  private InferenceJson() {}

  /**
   * A new mapper for the V2 types: unknown members ignored, trailing content after the JSON value
   * refused (a body must be exactly one document, or a header of exactly the declared length).
   */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
