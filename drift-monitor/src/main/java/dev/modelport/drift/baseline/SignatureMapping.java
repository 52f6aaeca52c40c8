package dev.modelport.drift.baseline;

import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureSpec;
import dev.modelport.protocol.model.Feature;
import dev.modelport.protocol.model.FeatureType;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a version's {@link ModelSignature} into its {@link MonitoredSignature}: the inputs that
 * name their features, in signature order. Inputs without features (images, free text) are not
 * monitored. Outputs of shape {@code [N]} or {@code [N, K]} (K at most {@value
 * #MAX_OUTPUT_COLUMNS}) are profiled for prediction drift ({@link OutputBlock}). Stateless.
 */
public final class SignatureMapping {

  /** Wider outputs (logits of many classes) are not profiled. */
  static final int MAX_OUTPUT_COLUMNS = 64;

  private SignatureMapping() {}

  /** The monitored part of {@code signature}; empty when no input names features. */
  public static Optional<MonitoredSignature> of(ModelSignature signature) {
    List<FeatureSpec> features = new ArrayList<>();
    List<InputBlock> blocks = new ArrayList<>();
    for (TensorSpec input : signature.inputs()) {
      if (input.features().isEmpty()) {
        continue;
      }
      blocks.add(
          new InputBlock(input.name(), input.datatype(), input.features().size(), features.size()));
      for (Feature f : input.features()) {
        features.add(
            f.type() == FeatureType.CATEGORICAL
                ? FeatureSpec.categorical(f.name())
                : FeatureSpec.numeric(f.name()));
      }
    }
    if (features.isEmpty()) {
      return Optional.empty();
    }
    Set<String> inputNames = new HashSet<>();
    features.forEach(f -> inputNames.add(f.name()));
    List<OutputBlock> outputs = new ArrayList<>();
    int columns = 0;
    for (TensorSpec output : signature.outputs()) {
      int k = outputColumns(output);
      if (k <= 0
          || OutputBlock.columnNames(output.name(), k).stream().anyMatch(inputNames::contains)) {
        continue;
      }
      outputs.add(new OutputBlock(output.name(), k, columns));
      columns += k;
    }
    return Optional.of(
        MonitoredSignature.withOutputs(new FeatureSchema(features), blocks, outputs));
  }

  /**
   * Columns of an output profiled for prediction drift: 1 for {@code [N]} and {@code [N, 1]}, K for
   * {@code [N, K]}; 0 (not profiled) for other ranks, a variable last dimension and BYTES.
   */
  static int outputColumns(TensorSpec output) {
    long[] shape = output.shape();
    if (output.datatype() == null || output.datatype() == DataType.BYTES) {
      return 0;
    }
    if (shape.length == 1) {
      return 1;
    }
    if (shape.length == 2 && shape[1] > 0 && shape[1] <= MAX_OUTPUT_COLUMNS) {
      return (int) shape[1];
    }
    return 0;
  }
}
