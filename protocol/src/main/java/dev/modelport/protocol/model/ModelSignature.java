package dev.modelport.protocol.model;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inputs and outputs of a model version, in the order the engine takes and returns them: the
 * one signature type of the suite (registry API and store, registry-client, serving,
 * drift-monitor). Immutable. Built leniently (JSON binding, {@code model.yaml}); {@link #check()}
 * applies the rules.
 *
 * @param inputs input tensors
 * @param outputs output tensors
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

  /** Longest feature name. */
  public static final int MAX_FEATURE_NAME = 128;

  public ModelSignature {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /**
   * Validates this signature and returns it: at least one input and one output; every tensor named
   * (names unique per side), typed and shaped (dimensions {@code -1} or at least 0); feature names
   * present, at most {@value #MAX_FEATURE_NAME} characters and unique across the inputs; as many
   * features as a fixed last dimension.
   *
   * @throws SignatureException naming the first offending field ({@code inputs[0].shape})
   */
  public ModelSignature check() {
    if (inputs.isEmpty()) {
      throw new SignatureException("inputs", "at least one input is required");
    }
    if (outputs.isEmpty()) {
      throw new SignatureException("outputs", "at least one output is required");
    }
    tensors("inputs", inputs);
    tensors("outputs", outputs);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < inputs.size(); i++) {
      List<Feature> features = inputs.get(i).features();
      for (int j = 0; j < features.size(); j++) {
        if (!seen.add(features.get(j).name())) {
          throw new SignatureException(
              "inputs[" + i + "].features[" + j + "]",
              "feature '" + features.get(j).name() + "' appears twice");
        }
      }
    }
    return this;
  }

  private static void tensors(String side, List<TensorSpec> tensors) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tensors.size(); i++) {
      TensorSpec t = tensors.get(i);
      String at = side + "[" + i + "]";
      if (t == null) {
        throw new SignatureException(at, "is null; expected a tensor");
      }
      if (t.name() == null || t.name().isBlank()) {
        throw new SignatureException(at + ".name", "is required");
      }
      if (!names.add(t.name())) {
        throw new SignatureException(at + ".name", "'" + t.name() + "' appears twice");
      }
      if (t.datatype() == null) {
        throw new SignatureException(at + ".datatype", "is required, e.g. FP32 or INT64");
      }
      if (t.rank() == 0) {
        throw new SignatureException(
            at + ".shape", "must be a non-empty list of sizes, -1 for a variable one");
      }
      for (int d = 0; d < t.rank(); d++) {
        if (t.dim(d) < -1) {
          throw new SignatureException(
              at + ".shape", "dimension " + t.dim(d) + " (use -1 for a variable dimension)");
        }
      }
      List<Feature> features = t.features();
      for (int j = 0; j < features.size(); j++) {
        Feature f = features.get(j);
        if (f == null || f.name() == null || f.name().isBlank()) {
          throw new SignatureException(at + ".features[" + j + "].name", "is required");
        }
        if (f.name().length() > MAX_FEATURE_NAME) {
          throw new SignatureException(
              at + ".features[" + j + "].name", "at most " + MAX_FEATURE_NAME + " characters");
        }
      }
      long last = t.dim(t.rank() - 1);
      if (!features.isEmpty() && last > 0 && last != features.size()) {
        throw new SignatureException(
            at + ".features",
            features.size() + " features but the last dimension of the shape is " + last);
      }
    }
  }

  /**
   * True when every input and output has a variable first dimension: requests can then be joined
   * along dimension 0. A model with a fixed first dimension is served unbatched.
   */
  public boolean batchable() {
    return inputs.stream().allMatch(TensorSpec::batchable)
        && outputs.stream().allMatch(TensorSpec::batchable);
  }

  /** The input named {@code name}. */
  public Optional<TensorSpec> input(String name) {
    return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The output named {@code name}. */
  public Optional<TensorSpec> output(String name) {
    return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** All input features in tensor order, then column order. */
  public List<Feature> inputFeatures() {
    return inputs.stream().flatMap(t -> t.features().stream()).toList();
  }

  /** Names of all input features, in the order of {@link #inputFeatures()}. */
  public List<String> inputFeatureNames() {
    return inputFeatures().stream().map(Feature::name).toList();
  }
}
