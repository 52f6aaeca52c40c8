package dev.modelport.featurestats.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The ordered features of a data set. Position {@code i} is column {@code i} of an {@code [N, F]}
 * row, so rows handed to {@link DatasetProfile#addRow(double[])} follow this order. Immutable.
 */
public record FeatureSchema(List<FeatureSpec> features) {

  public FeatureSchema {
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a schema needs at least one feature");
    }
    Map<String, Boolean> seen = new HashMap<>();
    for (FeatureSpec f : features) {
      if (seen.put(f.name(), Boolean.TRUE) != null) {
        throw new IllegalArgumentException("duplicate feature name: " + f.name());
      }
    }
  }

  public static FeatureSchema of(FeatureSpec... features) {
    return new FeatureSchema(List.of(features));
  }

  /** All features numeric, in the given order (e.g. the feature names of an FP32 [-1, F] input). */
  public static FeatureSchema numeric(List<String> names) {
    return new FeatureSchema(names.stream().map(FeatureSpec::numeric).toList());
  }

  public int size() {
    return features.size();
  }

  public FeatureSpec get(int index) {
    return features.get(index);
  }

  /** Position of the named feature; throws {@link NoSuchElementException} when absent. */
  public int indexOf(String name) {
    for (int i = 0; i < features.size(); i++) {
      if (features.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new NoSuchElementException("no feature named " + name);
  }

  public boolean contains(String name) {
    return features.stream().anyMatch(f -> f.name().equals(name));
  }
}
