package dev.modelport.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One input or output tensor of a {@link ModelSignature}. A dimension of {@code -1} is variable; a
 * variable first dimension is the batch dimension. Immutable; the constructor only copies, {@link
 * ModelSignature#check()} validates (so that each edge reports a bad field by its own path).
 *
 * <p>JSON and YAML: {@code {"name": "categorical", "datatype": "INT64", "shape": [-1, 2],
 * "features": ["region", "employment"], "categorical": true}}; {@code categorical: true} marks
 * every feature of the tensor categorical, features may also be objects with their own {@code
 * type}.
 *
 * @param name tensor name as the model declares it and clients send it
 * @param datatype element type (protocol's {@link DataType}, the one list of datatypes)
 * @param shape dimensions, {@code -1} for variable ones
 * @param features the features along the last dimension, in column order; empty when not tabular
 */
public record TensorSpec(String name, DataType datatype, long[] shape, List<Feature> features) {

  public TensorSpec {
    shape = shape == null ? new long[0] : shape.clone();
    features = features == null ? List.of() : List.copyOf(features);
  }

  @JsonCreator
  static TensorSpec fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("datatype") DataType datatype,
      @JsonProperty("shape") long[] shape,
      @JsonProperty("features") List<Feature> features,
      @JsonProperty("categorical") Boolean categorical) {
    List<Feature> typed = features == null ? List.of() : features;
    if (Boolean.TRUE.equals(categorical)) {
      List<Feature> marked = new ArrayList<>(typed.size());
      for (Feature f : typed) {
        marked.add(f == null ? null : Feature.categorical(f.name()));
      }
      typed = marked;
    }
    return new TensorSpec(name, datatype, shape, typed);
  }

  /** A tensor whose columns are numeric features named {@code featureNames}. */
  public static TensorSpec numeric(
      String name, DataType datatype, long[] shape, List<String> featureNames) {
    return new TensorSpec(
        name, datatype, shape, featureNames.stream().map(Feature::numeric).toList());
  }

  /** True when the first dimension is variable, so requests may be joined along it. */
  public boolean batchable() {
    return shape.length > 0 && shape[0] == -1;
  }

  /** True when {@code actual} has the same rank and agrees on every fixed dimension. */
  public boolean accepts(long[] actual) {
    if (actual.length != shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] != -1 && shape[i] != actual[i]) {
        return false;
      }
    }
    return true;
  }

  /** The names of {@link #features()}, in column order. */
  public List<String> featureNames() {
    return features.stream().map(Feature::name).toList();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The size of dimension {@code i}, without copying the shape. */
  public long dim(int i) {
    return shape[i];
  }

  /** The number of dimensions. */
  public int rank() {
    return shape.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && Objects.equals(name, t.name)
        && datatype == t.datatype
        && Arrays.equals(shape, t.shape)
        && features.equals(t.features);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, datatype, Arrays.hashCode(shape), features);
  }

  @Override
  public String toString() {
    return name + " " + datatype + " " + Shapes.format(shape);
  }
}
