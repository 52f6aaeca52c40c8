package dev.modelport.protocol.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor: datatype, shape and its elements in row-major order, held either in a primitive
 * array (see {@link DataType#arrayType()}) or, for the fixed-width numeric types ({@link
 * DataType#hasRawForm()}), as their raw little-endian bytes in a {@link ByteBuffer} ({@link
 * #isRaw()}). This is the one in-memory form shared by the JSON codec, the raw byte codec, the gRPC
 * mapping, the batcher and the engines. The raw form lets a tensor read from gRPC raw contents or
 * Triton's binary extension stay a view of the request's bytes until the batcher writes it into the
 * engine's buffer, and an engine's output stay one buffer until the response is written.
 *
 * <p>Immutable by convention: the array or buffer is not copied, so whoever builds a tensor hands
 * it over and nobody writes to it afterwards. Safe to share between threads after construction: a
 * raw tensor keeps its own view (position 0, little-endian) and hands out duplicates.
 *
 * @param name tensor name as in the request or the model signature
 * @param datatype element type
 * @param shape dimensions, each &gt;= 0
 * @param data primitive array of {@code datatype.arrayType()} with {@code product(shape)} elements,
 *     or a little-endian {@link ByteBuffer} whose remaining bytes are those elements' raw form
 */
public record Tensor(String name, DataType datatype, long[] shape, Object data) {

  public Tensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datatype, "datatype");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    if (data instanceof ByteBuffer raw) {
      data = rawView(name, datatype, shape, raw);
    } else {
      checkArray(name, datatype, shape, data);
    }
  }

  private static void checkArray(String name, DataType datatype, long[] shape, Object data) {
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

  private static ByteBuffer rawView(String name, DataType datatype, long[] shape, ByteBuffer raw) {
    if (!datatype.hasRawForm()) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': " + datatype + " data must be an array, not raw bytes");
    }
    if (raw.order() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalArgumentException("tensor '" + name + "': raw bytes must be little-endian");
    }
    long expected = elementCount(shape) * datatype.byteSize();
    if (raw.remaining() != expected) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': expected "
              + expected
              + " raw bytes for shape "
              + Shapes.format(shape)
              + ", got "
              + raw.remaining());
    }
    return raw.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Number of elements, the product of the shape. */
  public int elementCount() {
    if (data instanceof ByteBuffer raw) {
      return raw.remaining() / datatype.byteSize();
    }
    return java.lang.reflect.Array.getLength(data);
  }

  /** True when the elements are held as raw little-endian bytes ({@link #rawBytes()}). */
  public boolean isRaw() {
    return data instanceof ByteBuffer;
  }

  /**
   * The raw little-endian bytes of a raw tensor: a new view (position 0, limit its byte size) over
   * the same memory, so the caller may move its position freely. Not for writing.
   *
   * @throws IllegalStateException when the tensor holds an array ({@link #isRaw()} is false)
   */
  public ByteBuffer rawBytes() {
    if (!(data instanceof ByteBuffer raw)) {
      throw new IllegalStateException("tensor '" + name + "' holds an array, not raw bytes");
    }
    return raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * The elements as a primitive array of {@code datatype.arrayType()}: the array itself, or for a
   * raw tensor a new array decoded from its bytes (a copy: callers on a hot path read {@link
   * #rawBytes()} instead).
   */
  public Object values() {
    if (data instanceof ByteBuffer) {
      return RawArrays.toArray(datatype, rawBytes());
    }
    return data;
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
        && Arrays.deepEquals(new Object[] {values()}, new Object[] {t.values()});
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, datatype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {values()}));
  }

  @Override
  public String toString() {
    return "Tensor[" + name + ", " + datatype + ", " + Shapes.format(shape) + "]";
  }
}
