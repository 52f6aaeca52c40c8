package dev.modelport.protocol.tensor;

import java.nio.ByteBuffer;

/**
 * Copies the raw little-endian bytes of a fixed-width numeric tensor ({@link
 * DataType#hasRawForm()}) into a new primitive array, with bulk copies through buffer views.
 * Stateless.
 */
final class RawArrays {

  private RawArrays() {}

  /** The remaining bytes of {@code le} (little-endian, a whole number of elements) as an array. */
  static Object toArray(DataType type, ByteBuffer le) {
    int count = le.remaining() / type.byteSize();
    switch (type) {
      case UINT8:
      case INT8:
        {
          byte[] out = new byte[count];
          le.get(out);
          return out;
        }
      case UINT16:
      case INT16:
      case FP16:
        {
          short[] out = new short[count];
          le.asShortBuffer().get(out);
          return out;
        }
      case UINT32:
      case INT32:
        {
          int[] out = new int[count];
          le.asIntBuffer().get(out);
          return out;
        }
      case UINT64:
      case INT64:
        {
          long[] out = new long[count];
          le.asLongBuffer().get(out);
          return out;
        }
      case FP32:
        {
          float[] out = new float[count];
          le.asFloatBuffer().get(out);
          return out;
        }
      case FP64:
        {
          double[] out = new double[count];
          le.asDoubleBuffer().get(out);
          return out;
        }
      default:
        throw new IllegalArgumentException(type + " has no raw form to copy from");
    }
  }
}
