package dev.modelport.serving.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.SignatureException;
import dev.modelport.protocol.model.SignatureReader;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.model.BatchingSettings;
import dev.modelport.serving.model.EngineSettings;
import dev.modelport.serving.model.ModelConfig;
import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.WarmupSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code <model>/model.yaml} (see the README's configuration reference for the keys). The
 * signature ({@code inputs} and {@code outputs}) is the suite's one {@code model.yaml} signature
 * format, read and checked by protocol's {@link SignatureReader}; the serving keys (versions,
 * default version, batching, warm-up, engine) are read here. Unknown keys are errors, so that a
 * misspelt setting does not silently fall back to its default. Every error is a {@link
 * ModelConfigException} naming the file and the key. Stateless and thread-safe.
 */
public final class ModelYamlReader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP_KEYS =
      Set.of(
          "name",
          "description",
          "default-version",
          "versions",
          "inputs",
          "outputs",
          "batching",
          "warmup",
          "engine");

  /** Parses {@code file}; the model's name is its folder's name. */
  public ModelConfig read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return ModelConfig.DEFAULT;
    }
    try {
      return parse(root, file.getParent().getFileName().toString());
    } catch (IllegalArgumentException e) {
      throw new ModelConfigException(file + ": " + e.getMessage(), e);
    }
  }

  ModelConfig parse(JsonNode root, String folderName) {
    if (!root.isObject()) {
      throw new IllegalArgumentException("expected a mapping at the top level");
    }
    checkKeys(root, TOP_KEYS, "");
    if (root.has("name") && !root.get("name").asText().equals(folderName)) {
      throw new IllegalArgumentException(
          "name '"
              + root.get("name").asText()
              + "' differs from the folder name '"
              + folderName
              + "'");
    }
    TreeMap<VersionNumber, String> versions = new TreeMap<>();
    JsonNode v = root.path("versions");
    if (!v.isMissingNode()) {
      if (!v.isObject()) {
        throw new IllegalArgumentException(
            "versions: expected a mapping of version number to file");
      }
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        versions.put(
            versionNumber(e.getKey(), "versions"), text(e.getValue(), "versions." + e.getKey()));
      }
    }
    Optional<VersionNumber> defaultVersion =
        root.has("default-version")
            ? Optional.of(versionNumber(root.get("default-version").asText(), "default-version"))
            : Optional.empty();
    return new ModelConfig(
        versions,
        defaultVersion,
        signature(root),
        batching(root.path("batching")),
        warmup(root.path("warmup")),
        engine(root.path("engine")));
  }

  /**
   * The {@code inputs} and {@code outputs}, read and checked by {@link SignatureReader}; empty when
   * both are absent (the signature then comes from the ONNX graph).
   */
  private static Optional<ModelSignature> signature(JsonNode root) {
    if (!root.has("inputs") && !root.has("outputs")) {
      return Optional.empty();
    }
    ObjectNode signature = YAML.createObjectNode();
    signature.set("inputs", root.get("inputs"));
    signature.set("outputs", root.get("outputs"));
    try {
      return Optional.of(SignatureReader.fromTree(signature));
    } catch (SignatureException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static BatchingSettings batching(JsonNode b) {
    if (b.isMissingNode()) {
      return BatchingSettings.DEFAULT;
    }
    checkKeys(
        b,
        Set.of(
            "enabled",
            "max-batch-size",
            "max-queue-delay",
            "preferred-batch-sizes",
            "max-queue-size",
            "instances",
            "mode",
            "max-latency"),
        "batching.");
    BatchingSettings d = BatchingSettings.DEFAULT;
    return new BatchingSettings(
        b.path("enabled").asBoolean(d.enabled()),
        integer(b, "max-batch-size", d.maxBatchSize()),
        b.has("max-queue-delay") ? integer(b, "max-queue-delay", 0) : d.maxQueueDelayMicros(),
        integers(b.path("preferred-batch-sizes"), "batching.preferred-batch-sizes"),
        integer(b, "max-queue-size", d.maxQueueSize()),
        integer(b, "instances", d.instances()),
        mode(b.get("mode")),
        b.has("max-latency") ? integer(b, "max-latency", 0) : d.maxLatencyMicros());
  }

  private static BatchingSettings.Mode mode(JsonNode n) {
    if (n == null) {
      return BatchingSettings.Mode.STATIC;
    }
    String text = n.asText().trim();
    for (BatchingSettings.Mode m : BatchingSettings.Mode.values()) {
      if (m.name().equalsIgnoreCase(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "batching.mode: '" + text + "' is not one of [static, adaptive]");
  }

  private static WarmupSettings warmup(JsonNode w) {
    if (w.isMissingNode()) {
      return WarmupSettings.DEFAULT;
    }
    checkKeys(w, Set.of("enabled", "batch-sizes", "request"), "warmup.");
    return new WarmupSettings(
        w.path("enabled").asBoolean(true),
        integers(w.path("batch-sizes"), "warmup.batch-sizes"),
        w.has("request")
            ? Optional.of(Path.of(text(w.get("request"), "warmup.request")))
            : Optional.empty());
  }

  private static EngineSettings engine(JsonNode e) {
    if (e.isMissingNode()) {
      return EngineSettings.DEFAULT;
    }
    checkKeys(e, Set.of("device", "threads"), "engine.");
    return new EngineSettings(
        e.has("device") ? Optional.of(text(e.get("device"), "engine.device")) : Optional.empty(),
        e.has("threads") ? Optional.of(integer(e, "threads", 0)) : Optional.empty());
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String prefix) {
    if (!(node instanceof ObjectNode)) {
      throw new IllegalArgumentException(
          (prefix.isEmpty() ? "model.yaml" : prefix) + ": expected a mapping");
    }
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                throw new IllegalArgumentException(
                    "unknown key '"
                        + prefix
                        + k
                        + "'; expected one of "
                        + new java.util.TreeSet<>(allowed));
              }
            });
  }

  private static VersionNumber versionNumber(String text, String where) {
    try {
      return VersionNumber.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + ": version '" + text + "' is not a positive integer", e);
    }
  }

  private static String text(JsonNode n, String where) {
    if (n == null || !n.isValueNode() || n.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": expected a value");
    }
    return n.asText();
  }

  private static int integer(JsonNode parent, String key, int dflt) {
    JsonNode n = parent.get(key);
    if (n == null) {
      return dflt;
    }
    if (!n.canConvertToInt() || !(n.isIntegralNumber() || n.asText().matches("-?\\d+"))) {
      throw new IllegalArgumentException(key + ": '" + n.asText() + "' is not an integer");
    }
    return n.asInt();
  }

  private static List<Integer> integers(JsonNode list, String where) {
    List<Integer> out = new ArrayList<>();
    if (list.isMissingNode()) {
      return out;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(where + ": expected a list of integers");
    }
    list.forEach(
        n -> {
          if (!n.isIntegralNumber()) {
            throw new IllegalArgumentException(where + ": '" + n.asText() + "' is not an integer");
          }
          out.add(n.asInt());
        });
    return out;
  }
}
