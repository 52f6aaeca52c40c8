package dev.modelport.protocol.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor: datatype, shape and its elements in row-major order in a primitive array (see
 * {@link DataType#arrayType()}). This is the one in-memory form shared by the JSON codec, the raw
 * byte codec, the gRPC mapping, the batcher and the engines.
 *
 * <p>Immutable by convention: the array is not copied, so whoever builds a tensor hands the array
 * over and nobody writes to it afterwards. Safe to share between threads after construction.
 *
 * @param name tensor name as in the request or the model signature
 * @param datatype element type
 * @param shape dimensions, each &gt;= 0
 * @param data primitive array of {@code datatype.arrayType()} with {@code product(shape)} elements
 */
public record Tensor(String name, DataType datatype, long[] shape, Object data) {

  public Tensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datatype, "datatype");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    if (!datatype.arrayType().isInstance(data)) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': "
              + datatype
              + " data must be "
              + datatype.arrayType().getSimpleName()
              + ", got "
              + data.getClass().getSimpleName());
    }
    long expected = elementCount(shape);
    int actual = java.lang.reflect.Array.getLength(data);
    if (expected != actual) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': expected "
              + expected
              + " values for shape "
              + Shapes.format(shape)
              + ", got "
              + actual);
    }
  }

  /** Number of elements, the product of the shape. */
  public int elementCount() {
    return java.lang.reflect.Array.getLength(data);
  }

  /**
   * Product of the dimensions.
   *
   * <p>A shape with a zero dimension has no elements, whatever its other dimensions.
   *
   * @throws IllegalArgumentException if a dimension is negative or the product overflows a long
   */
  public static long elementCount(long[] shape) {
    boolean empty = false;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape " + Shapes.format(shape) + " has a negative dimension");
      }
      empty |= d == 0;
    }
    if (empty) {
      return 0;
    }
    long count = 1;
    for (long d : shape) {
      if (count > Long.MAX_VALUE / d) {
        throw new IllegalArgumentException(
            "shape " + Shapes.format(shape) + " has more elements than a long can count");
      }
      count *= d;
    }
    return count;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tensor t)) {
      return false;
    }
    return name.equals(t.name)
        && datatype == t.datatype
        && Arrays.equals(shape, t.shape)
        && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, datatype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
  }

  @Override
  public String toString() {
    return "Tensor[" + name + ", " + datatype + ", " + Shapes.format(shape) + "]";
  }
}
