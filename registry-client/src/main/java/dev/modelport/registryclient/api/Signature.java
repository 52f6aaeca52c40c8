package dev.modelport.registryclient.api;

import java.util.List;

/** Inputs and outputs of a model version. */
public record Signature(List<TensorSpec> inputs, List<TensorSpec> outputs) {
  public Signature {
    inputs = Copies.list(inputs);
    outputs = Copies.list(outputs);
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
