package dev.modelport.registry.version;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.SignatureException;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.model.Tags;
import dev.modelport.registryclient.api.Lineage;
import dev.modelport.registryclient.api.ServingSettings;
import dev.modelport.registryclient.api.VersionMetadata;

/**
 * Validates the metadata of an upload; every failure is an {@link InvalidInputException} naming the
 * field by its JSON path, such as {@code metadata.signature.inputs[0].shape}. The signature's rules
 * are the protocol's ({@link ModelSignature#check()}); datatypes are the protocol's {@code
 * DataType}, checked when the JSON is bound.
 */
final class MetadataCheck {

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

  private static void signature(ModelSignature s) {
    if (s == null) {
      throw new InvalidInputException("metadata.signature", "is required");
    }
    try {
      s.check();
    } catch (SignatureException e) {
      throw new InvalidInputException("metadata.signature." + e.field(), e.problem());
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
