package dev.modelport.protocol.tensor;

/** Formatting of shapes in messages: {@code [2,30]}, no spaces, as the protocol's examples show. */
public final class Shapes {

  private Shapes() {}

  /** The shape as {@code [d0,d1,...]}. */
  public static String format(long[] shape) {
    StringBuilder sb = new StringBuilder(2 + shape.length * 4).append('[');
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(shape[i]);
    }
    return sb.append(']').toString();
  }
}
