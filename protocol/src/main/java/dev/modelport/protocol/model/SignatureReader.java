package dev.modelport.protocol.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a {@link ModelSignature} from its JSON form (a registry upload's {@code signature}) or from
 * a {@code model.yaml} (its {@code inputs} and {@code outputs} keys), the two forms users meet,
 * into the one type, and checks it. Unknown keys inside a tensor are errors, so a misspelt key is
 * not silently dropped. Every failure is a {@link SignatureException} naming the field by its path
 * ({@code inputs[0].datatype}) and the problem in words, never a parser's class names. Stateless
 * and thread-safe.
 */
public final class SignatureReader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private SignatureReader() {}

  /**
   * The signature in a {@code model.yaml} file: its {@code inputs} and {@code outputs} (other keys,
   * the serving settings, are left to the caller).
   *
   * @throws SignatureException when the file has no valid signature
   * @throws IOException when it cannot be read
   */
  public static ModelSignature readModelYaml(Path modelYaml) throws IOException {
    return fromModelYaml(Files.readString(modelYaml));
  }

  /** The signature in the text of a {@code model.yaml}; see {@link #readModelYaml(Path)}. */
  public static ModelSignature fromModelYaml(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new SignatureException("model.yaml", "is not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SignatureException("model.yaml", "expected a mapping with inputs and outputs");
    }
    ObjectNode signature = YAML.createObjectNode();
    signature.set("inputs", root.path("inputs").isMissingNode() ? null : root.get("inputs"));
    signature.set("outputs", root.path("outputs").isMissingNode() ? null : root.get("outputs"));
    return fromTree(signature);
  }

  /** The signature in a JSON document ({@code {"inputs": [...], "outputs": [...]}}). */
  public static ModelSignature fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SignatureException("signature", "is not valid JSON: " + e.getOriginalMessage());
    }
    return fromTree(root);
  }

  /** The signature in a parsed JSON or YAML tree, checked. */
  public static ModelSignature fromTree(JsonNode signature) {
    if (signature == null || !signature.isObject()) {
      throw new SignatureException("signature", "expected an object with inputs and outputs");
    }
    try {
      return JSON.treeToValue(signature, ModelSignature.class).check();
    } catch (JsonMappingException e) {
      throw new SignatureException(path(e), problem(e));
    } catch (JsonProcessingException e) {
      throw new SignatureException("signature", e.getOriginalMessage());
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "signature" : path.toString();
  }

  private static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown key '" + u.getPropertyName() + "'";
    }
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
        return cause.getMessage();
      }
      cause = cause.getCause();
    }
    return "has the wrong type or form";
  }
}
