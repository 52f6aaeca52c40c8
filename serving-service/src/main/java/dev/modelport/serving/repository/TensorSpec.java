package dev.modelport.serving.repository;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Shapes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One input or output of a model signature. A dimension of {@code -1} is variable; a variable first
 * dimension is the batch dimension. Immutable.
 *
 * @param name tensor name as clients send it
 * @param datatype element type
 * @param shape dimensions, {@code -1} for variable ones
 * @param features optional names of the columns of an {@code [N, F]} input (empty when unknown)
 */
public record TensorSpec(String name, DataType datatype, long[] shape, List<String> features) {

  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datatype, "datatype");
    shape = shape.clone();
    for (long d : shape) {
      if (d < -1) {
        throw new IllegalArgumentException(
            "tensor '"
                + name
                + "': dimension "
                + d
                + " in shape "
                + Shapes.format(shape)
                + " (use -1 for a variable dimension)");
      }
    }
    features = features == null ? List.of() : List.copyOf(features);
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

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && name.equals(t.name)
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
