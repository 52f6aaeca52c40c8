package dev.modelport.protocol.codec;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Shapes;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The raw form of a tensor: its row-major elements as little-endian bytes, with no padding, as in
 * gRPC {@code raw_input_contents}/{@code raw_output_contents}, Triton's binary tensor extension and
 * the inference event. BOOL is one byte (0 or 1) per element; BYTES is, per element, a 4-byte
 * little-endian length followed by that many bytes.
 *
 * <p>Stateless; all methods are thread-safe. Decoding a fixed-width numeric type copies nothing:
 * the tensor is a raw view of the source's bytes ({@link Tensor#isRaw()}), so the source must not
 * change afterwards; BOOL and BYTES are copied into arrays. Decoding leaves the source buffer's
 * position alone.
 */
public final class RawTensorCodec {

  private RawTensorCodec() {}

  /** Length in bytes of the raw form of {@code tensor}. */
  public static long rawSize(Tensor tensor) {
    if (tensor.datatype() != DataType.BYTES) {
      return (long) tensor.elementCount() * tensor.datatype().byteSize();
    }
    long size = 0;
    for (byte[] element : (byte[][]) tensor.data()) {
      size += 4L + element.length;
    }
    return size;
  }

  /** The raw bytes of {@code tensor} in a new array. */
  public static byte[] encode(Tensor tensor) {
    long size = rawSize(tensor);
    if (size > TensorLimits.ARRAY_LIMIT) {
      throw new IllegalArgumentException(
          "tensor '" + tensor.name() + "' needs " + size + " raw bytes, more than an array holds");
    }
    byte[] out = new byte[(int) size];
    encode(tensor, ByteBuffer.wrap(out));
    return out;
  }

  /**
   * Writes the raw bytes of {@code tensor} at the target's position and advances it by {@link
   * #rawSize(Tensor)}. The target's byte order is not changed.
   */
  public static void encode(Tensor tensor, ByteBuffer target) {
    ByteBuffer le = target.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (tensor.isRaw()) {
      le.put(tensor.rawBytes());
      target.position(target.position() + le.position());
      return;
    }
    Object data = tensor.data();
    switch (tensor.datatype()) {
      case BOOL:
        for (boolean b : (boolean[]) data) {
          le.put(b ? (byte) 1 : (byte) 0);
        }
        break;
      case UINT8:
      case INT8:
        le.put((byte[]) data);
        break;
      case UINT16:
      case INT16:
      case FP16:
        le.asShortBuffer().put((short[]) data);
        le.position(le.position() + 2 * ((short[]) data).length);
        break;
      case UINT32:
      case INT32:
        le.asIntBuffer().put((int[]) data);
        le.position(le.position() + 4 * ((int[]) data).length);
        break;
      case UINT64:
      case INT64:
        le.asLongBuffer().put((long[]) data);
        le.position(le.position() + 8 * ((long[]) data).length);
        break;
      case FP32:
        le.asFloatBuffer().put((float[]) data);
        le.position(le.position() + 4 * ((float[]) data).length);
        break;
      case FP64:
        le.asDoubleBuffer().put((double[]) data);
        le.position(le.position() + 8 * ((double[]) data).length);
        break;
      case BYTES:
        for (byte[] element : (byte[][]) data) {
          le.putInt(element.length);
          le.put(element);
        }
        break;
      default:
        throw new AssertionError(tensor.datatype());
    }
    target.position(target.position() + le.position());
  }

  /**
   * Decodes the remaining bytes of {@code raw} as a tensor of the declared datatype and shape. The
   * element count is checked against {@code limits} before anything is allocated, and the byte
   * length must match it exactly.
   *
   * @throws TensorFormatException naming the tensor: expected and actual byte counts, a BYTES
   *     length prefix past the end, trailing bytes, a BOOL byte other than 0 or 1
   */
  public static Tensor decode(
      TensorRole role,
      String name,
      DataType datatype,
      long[] shape,
      ByteBuffer raw,
      TensorLimits limits) {
    int count = limits.checkedElementCount(role, name, shape);
    ByteBuffer le = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
    Object data =
        datatype == DataType.BYTES
            ? decodeBytes(role, name, shape, count, le)
            : decodeFixed(role, name, datatype, shape, count, le);
    return new Tensor(name, datatype, shape.clone(), data);
  }

  /**
   * Decodes a whole array; see {@link #decode(TensorRole, String, DataType, long[], ByteBuffer,
   * TensorLimits)}.
   */
  public static Tensor decode(
      TensorRole role,
      String name,
      DataType datatype,
      long[] shape,
      byte[] raw,
      TensorLimits limits) {
    return decode(role, name, datatype, shape, ByteBuffer.wrap(raw), limits);
  }

  private static Object decodeFixed(
      TensorRole role, String name, DataType type, long[] shape, int count, ByteBuffer le) {
    long expected = (long) count * type.byteSize();
    if (le.remaining() != expected) {
      throw new TensorFormatException(
          role,
          name,
          "expected "
              + expected
              + " bytes for "
              + count
              + " "
              + type
              + " values of shape "
              + Shapes.format(shape)
              + ", got "
              + le.remaining());
    }
    if (type.hasRawForm()) {
      return le.slice(le.position(), (int) expected).order(ByteOrder.LITTLE_ENDIAN);
    }
    boolean[] out = new boolean[count];
    for (int i = 0; i < count; i++) {
      byte b = le.get(i);
      if (b != 0 && b != 1) {
        throw new TensorFormatException(
            role, name, "BOOL byte " + i + " is " + (b & 0xFF) + ", expected 0 or 1");
      }
      out[i] = b == 1;
    }
    return out;
  }

  private static byte[][] decodeBytes(
      TensorRole role, String name, long[] shape, int count, ByteBuffer le) {
    byte[][] out = new byte[count][];
    for (int i = 0; i < count; i++) {
      int offset = le.position();
      if (le.remaining() < 4) {
        throw new TensorFormatException(
            role,
            name,
            "expected "
                + count
                + " BYTES elements for shape "
                + Shapes.format(shape)
                + ", but the raw data ends after "
                + i
                + (le.remaining() == 0 ? "" : " (and " + le.remaining() + " stray bytes)"));
      }
      long length = Integer.toUnsignedLong(le.getInt());
      if (length > le.remaining()) {
        throw new TensorFormatException(
            role,
            name,
            "BYTES element "
                + i
                + " at byte "
                + offset
                + " declares "
                + length
                + " bytes but only "
                + le.remaining()
                + " remain");
      }
      out[i] = new byte[(int) length];
      le.get(out[i]);
    }
    if (le.hasRemaining()) {
      throw new TensorFormatException(
          role,
          name,
          le.remaining()
              + " bytes left after the "
              + count
              + " BYTES elements of shape "
              + Shapes.format(shape));
    }
    return out;
  }
}
