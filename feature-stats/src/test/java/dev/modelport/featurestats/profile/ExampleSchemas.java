package dev.modelport.featurestats.profile;

import dev.modelport.testsupport.ExampleModels;

/**
 * The feature schemas of the example models, taken from their {@code model.yaml} signatures (the
 * input features in signature order, categorical where the signature marks them), never retyped.
 */
public final class ExampleSchemas {

  private ExampleSchemas() {}

  /** The schema of the input features of {@code model}, e.g. {@link ExampleModels#CREDIT_RISK}. */
  public static FeatureSchema inputs(String model) {
    return new FeatureSchema(
        ExampleModels.signature(model).inputFeatures().stream()
            .map(
                f ->
                    new FeatureSpec(
                        f.name(),
                        f.type() == dev.modelport.protocol.model.FeatureType.CATEGORICAL
                            ? FeatureType.CATEGORICAL
                            : FeatureType.NUMERIC))
            .toList());
  }
}
