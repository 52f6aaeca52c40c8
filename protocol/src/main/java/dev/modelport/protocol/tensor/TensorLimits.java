package dev.modelport.protocol.tensor;

/**
 * Bounds on the tensors a decoder accepts, checked from the declared shape before any array is
 * allocated, so a request cannot make the server allocate more than {@code maxElements} elements
 * per tensor by claiming a large shape. Immutable value.
 *
 * @param maxElements most elements one tensor may have; at most {@link #ARRAY_LIMIT}
 */
public record TensorLimits(long maxElements) {

  /** Largest Java array the codecs allocate (a little under {@code Integer.MAX_VALUE}). */
  public static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

  /** 64 Mi elements per tensor (256 MiB of FP32): room for a batch of 400 224x224 RGB images. */
  public static final TensorLimits DEFAULT = new TensorLimits(64L * 1024 * 1024);

  public TensorLimits {
    if (maxElements < 0 || maxElements > ARRAY_LIMIT) {
      throw new IllegalArgumentException(
          "maxElements must be between 0 and " + ARRAY_LIMIT + ", got " + maxElements);
    }
  }

  /**
   * The element count of {@code shape}, refused before allocation when a dimension is negative, the
   * product overflows or exceeds {@link #maxElements()}.
   *
   * @throws TensorFormatException naming the tensor and the shape
   */
  public int checkedElementCount(TensorRole role, String name, long[] shape) {
    boolean empty = false;
    for (long d : shape) {
      if (d < 0) {
        throw new TensorFormatException(
            role, name, "shape " + Shapes.format(shape) + " has a negative dimension");
      }
      empty |= d == 0;
    }
    if (empty) {
      return 0;
    }
    long count = 1;
    for (long d : shape) {
      if (count > Long.MAX_VALUE / d) {
        throw new TensorFormatException(
            role,
            name,
            "shape " + Shapes.format(shape) + " has more elements than a long can count");
      }
      count *= d;
    }
    if (count > maxElements) {
      throw new TensorFormatException(
          role,
          name,
          "shape "
              + Shapes.format(shape)
              + " has "
              + count
              + " elements, more than the limit of "
              + maxElements);
    }
    return (int) count;
  }
}
