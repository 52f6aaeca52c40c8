package dev.modelport.registry.version;

import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.model.Tags;
import dev.modelport.registryclient.api.Feature;
import dev.modelport.registryclient.api.Lineage;
import dev.modelport.registryclient.api.ServingSettings;
import dev.modelport.registryclient.api.Signature;
import dev.modelport.registryclient.api.TensorSpec;
import dev.modelport.registryclient.api.VersionMetadata;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates the metadata of an upload; every failure is an {@link InvalidInputException} naming the
 * field by its JSON path, such as {@code metadata.signature.inputs[0].shape}.
 */
final class MetadataCheck {
  static final Set<String> DATATYPES =
      Set.of(
          "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16",
          "FP32", "FP64", "BF16", "BYTES");

  private MetadataCheck() {}

  static VersionMetadata check(VersionMetadata m) {
    if (m == null) {
      throw new InvalidInputException("metadata", "the metadata part is required");
    }
    if (m.format() == null) {
      throw new InvalidInputException("metadata.format", "is required: onnx or torchscript");
    }
    signature(m.signature());
    serving(m.serving());
    m.metrics()
        .forEach(
            (name, value) -> {
              if (value == null || value.isNaN() || value.isInfinite()) {
                throw new InvalidInputException(
                    "metadata.metrics." + name, "must be a finite number");
              }
            });
    m.params()
        .forEach(
            (name, value) -> {
              if (name.length() > 128 || value == null || value.length() > 1024) {
                throw new InvalidInputException(
                    "metadata.params." + name, "names up to 128 and values up to 1024 characters");
              }
            });
    lineage(m.lineage());
    Tags.check("metadata.tags", m.tags());
    Tags.checkDescription("metadata.description", m.description());
    return m;
  }

  private static void signature(Signature s) {
    if (s == null) {
      throw new InvalidInputException("metadata.signature", "is required");
    }
    if (s.inputs().isEmpty()) {
      throw new InvalidInputException(
          "metadata.signature.inputs", "at least one input is required");
    }
    tensors("metadata.signature.inputs", s.inputs());
    tensors("metadata.signature.outputs", s.outputs());
    Set<String> features = new HashSet<>();
    for (Feature f : s.inputFeatures()) {
      if (!features.add(f.name())) {
        throw new InvalidInputException(
            "metadata.signature.inputs", "feature '" + f.name() + "' appears twice");
      }
    }
  }

  private static void tensors(String field, List<TensorSpec> tensors) {
    for (int i = 0; i < tensors.size(); i++) {
      TensorSpec t = tensors.get(i);
      String at = field + "[" + i + "]";
      if (t == null || t.name() == null || t.name().isBlank()) {
        throw new InvalidInputException(at + ".name", "is required");
      }
      if (t.datatype() == null || !DATATYPES.contains(t.datatype())) {
        throw new InvalidInputException(
            at + ".datatype", "must be one of " + new java.util.TreeSet<>(DATATYPES));
      }
      if (t.shape().isEmpty() || t.shape().stream().anyMatch(d -> d == null || d < -1)) {
        throw new InvalidInputException(
            at + ".shape", "must be a non-empty list of sizes, -1 for a variable one");
      }
      for (int j = 0; j < t.features().size(); j++) {
        Feature f = t.features().get(j);
        if (f == null || f.name() == null || f.name().isBlank() || f.name().length() > 128) {
          throw new InvalidInputException(
              at + ".features[" + j + "].name", "is required, at most 128 characters");
        }
        if (f.type() == null) {
          throw new InvalidInputException(
              at + ".features[" + j + "].type", "is required: numeric or categorical");
        }
      }
      long last = t.shape().get(t.shape().size() - 1);
      if (!t.features().isEmpty() && last > 0 && last != t.features().size()) {
        throw new InvalidInputException(
            at + ".features",
            t.features().size() + " features but the last dimension of the shape is " + last);
      }
    }
  }

  private static void serving(ServingSettings s) {
    if (s == null) {
      return;
    }
    positive("metadata.serving.maxBatchSize", s.maxBatchSize());
    positive("metadata.serving.maxQueueSize", s.maxQueueSize());
    positive("metadata.serving.instances", s.instances());
    if (s.maxQueueDelayMicros() != null && s.maxQueueDelayMicros() < 0) {
      throw new InvalidInputException(
          "metadata.serving.maxQueueDelayMicros", "must not be negative");
    }
    for (Integer size : s.preferredBatchSizes()) {
      positive("metadata.serving.preferredBatchSizes", size);
    }
  }

  private static void lineage(Lineage l) {
    if (l == null) {
      return;
    }
    for (String[] field :
        new String[][] {
          {"runId", l.runId()},
          {"datasetDigest", l.datasetDigest()},
          {"codeRevision", l.codeRevision()}
        }) {
      if (field[1] != null && field[1].length() > 256) {
        throw new InvalidInputException("metadata.lineage." + field[0], "at most 256 characters");
      }
    }
  }

  private static void positive(String field, Integer value) {
    if (value != null && value < 1) {
      throw new InvalidInputException(field, "must be positive");
    }
  }
}
