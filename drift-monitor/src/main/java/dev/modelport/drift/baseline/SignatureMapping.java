package dev.modelport.drift.baseline;

import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureSpec;
import dev.modelport.protocol.model.Feature;
import dev.modelport.protocol.model.FeatureType;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a version's {@link ModelSignature} into its {@link MonitoredSignature}: the inputs that
 * name their features, in signature order. Inputs without features (images, free text) are not
 * monitored. Stateless.
 */
public final class SignatureMapping {

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
    return Optional.of(new MonitoredSignature(new FeatureSchema(features), blocks));
  }
}
