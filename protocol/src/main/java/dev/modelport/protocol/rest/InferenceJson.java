package dev.modelport.protocol.rest;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.codec.TensorJsonFactory;

/** The Jackson configuration the V2 JSON types are read and written with. */
public final class InferenceJson {

  /** Shared, never reconfigured after creation: thread-safe. */
  static final ObjectMapper MAPPER = newMapper();

  private InferenceJson() {}

  /**
   * A new mapper for the V2 types: unknown members ignored, trailing content after the JSON value
   * refused (a body must be exactly one document, or a header of exactly the declared length). Its
   * factory ({@link TensorJsonFactory}) reads tensor data from in-memory bodies straight from the
   * bytes; other numbers use Jackson's fast double parser (same values, correctly rounded).
   */
  public static ObjectMapper newMapper() {
    TensorJsonFactory factory =
        new TensorJsonFactory(
            new JsonFactoryBuilder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    return new ObjectMapper(factory)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
