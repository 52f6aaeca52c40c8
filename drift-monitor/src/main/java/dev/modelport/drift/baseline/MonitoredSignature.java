package dev.modelport.drift.baseline;

import dev.modelport.featurestats.profile.FeatureSchema;
import java.util.List;

/**
 * What the drift-monitor monitors of a version's {@code ModelSignature}: the features (names and
 * types, inputs in order, then columns) and where each input tensor's columns go. Immutable.
 */
public record MonitoredSignature(FeatureSchema schema, List<InputBlock> inputs) {

  public MonitoredSignature {
    inputs = List.copyOf(inputs);
    int expected = 0;
    for (InputBlock b : inputs) {
      if (b.firstFeature() != expected) {
        throw new IllegalArgumentException(
            "input "
                + b.name()
                + " starts at feature "
                + b.firstFeature()
                + ", expected "
                + expected);
      }
      expected += b.columns();
    }
    if (expected != schema.size()) {
      throw new IllegalArgumentException(
          "inputs carry " + expected + " features, schema has " + schema.size());
    }
  }

  /** The input named {@code name}, or null. */
  public InputBlock input(String name) {
    for (InputBlock b : inputs) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    return null;
  }
}
