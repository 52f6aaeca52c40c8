package dev.modelport.registry.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.protocol.model.SignatureException;
import dev.modelport.protocol.model.SignatureReader;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registryclient.api.VersionMetadata;

/**
 * Binds the {@code metadata} part of an upload, once, into a {@link VersionMetadata}. The {@code
 * signature} is read by the protocol's {@link SignatureReader} (registry form or {@code model.yaml}
 * form, unknown tensor keys refused, rules checked); the rest by Jackson. Every failure is an
 * {@link InvalidInputException} naming the field by its JSON path under {@code metadata}, such as
 * {@code metadata.signature.inputs[0].datatype} or {@code metadata.format}. Stateless.
 */
final class MetadataJson {
  private MetadataJson() {}

  static VersionMetadata read(ObjectMapper json, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("metadata", "the metadata part (JSON) is required");
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("metadata", "not valid JSON: " + e.getOriginalMessage());
    }
    if (!(root instanceof ObjectNode object)) {
      throw new InvalidInputException("metadata", "must be a JSON object");
    }
    JsonNode signature = object.remove("signature");
    VersionMetadata metadata;
    try {
      metadata = json.treeToValue(object, VersionMetadata.class);
    } catch (JsonMappingException e) {
      throw new InvalidInputException("metadata" + path(e), problem(e));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("metadata", e.getOriginalMessage());
    }
    if (signature == null || signature.isNull()) {
      return metadata;
    }
    try {
      return metadata.withSignature(SignatureReader.fromTree(signature));
    } catch (SignatureException e) {
      String field = e.field().equals("signature") ? "" : "." + e.field();
      throw new InvalidInputException("metadata.signature" + field, e.problem());
    }
  }

  /** {@code .format}, {@code .serving.maxBatchSize}, {@code .metrics.auc}: the failing field. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The value's own complaint (an enum's accepted names) when there is one, else Jackson's. */
  private static String problem(JsonMappingException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
        return cause.getMessage();
      }
    }
    return e.getOriginalMessage();
  }
}
