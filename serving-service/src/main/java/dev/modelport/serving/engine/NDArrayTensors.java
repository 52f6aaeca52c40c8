package dev.modelport.serving.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Moves tensors between protocol {@link Tensor}s and DJL {@link NDArray}s. A raw input tensor
 * ({@link Tensor#isRaw()}) is handed to the engine as its bytes: a direct buffer (as the batcher
 * builds) is read in place by ONNX Runtime and PyTorch, a heap one is copied once by the engine.
 * Fixed-width numeric outputs come back as raw tensors over the one copy the engine makes out of
 * its native memory ({@link NDArray#toByteBuffer()}), which the response writes without another.
 * Arrays created here belong to the given manager, which the caller closes (per engine call).
 * Stateless.
 */
final class NDArrayTensors {

  /** The raw form is little-endian; engines read and write the platform's order. */
  private static final boolean NATIVE_LITTLE_ENDIAN =
      ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private NDArrayTensors() {}

  static NDArray toNDArray(NDManager manager, Tensor t) {
    Shape shape = new Shape(t.shape());
    if (t.isRaw() && NATIVE_LITTLE_ENDIAN) {
      NDArray array = manager.create(t.rawBytes(), shape, djlType(t.datatype()));
      array.setName(t.name());
      return array;
    }
    Object values = t.values();
    NDArray array =
        switch (t.datatype()) {
          case FP32 ->
              manager.create(
                  FloatBuffer.wrap((float[]) values), shape, ai.djl.ndarray.types.DataType.FLOAT32);
          case FP64 ->
              manager.create(
                  DoubleBuffer.wrap((double[]) values),
                  shape,
                  ai.djl.ndarray.types.DataType.FLOAT64);
          case INT32 ->
              manager.create(
                  IntBuffer.wrap((int[]) values), shape, ai.djl.ndarray.types.DataType.INT32);
          case UINT32 ->
              manager.create(
                  IntBuffer.wrap((int[]) values), shape, ai.djl.ndarray.types.DataType.UINT32);
          case INT64 ->
              manager.create(
                  LongBuffer.wrap((long[]) values), shape, ai.djl.ndarray.types.DataType.INT64);
          case UINT64 ->
              manager.create(
                  LongBuffer.wrap((long[]) values), shape, ai.djl.ndarray.types.DataType.UINT64);
          case INT8 ->
              manager.create(
                  ByteBuffer.wrap((byte[]) values), shape, ai.djl.ndarray.types.DataType.INT8);
          case UINT8 ->
              manager.create(
                  ByteBuffer.wrap((byte[]) values), shape, ai.djl.ndarray.types.DataType.UINT8);
          case INT16 ->
              manager.create(shorts((short[]) values), shape, ai.djl.ndarray.types.DataType.INT16);
          case UINT16 ->
              manager.create(shorts((short[]) values), shape, ai.djl.ndarray.types.DataType.UINT16);
          case FP16 ->
              manager.create(
                  shorts((short[]) values), shape, ai.djl.ndarray.types.DataType.FLOAT16);
          case BOOL -> manager.create((boolean[]) values, shape);
          case BYTES -> manager.create(strings((byte[][]) values), StandardCharsets.UTF_8, shape);
        };
    array.setName(t.name());
    return array;
  }

  private static ai.djl.ndarray.types.DataType djlType(DataType type) {
    return switch (type) {
      case FP32 -> ai.djl.ndarray.types.DataType.FLOAT32;
      case FP64 -> ai.djl.ndarray.types.DataType.FLOAT64;
      case FP16 -> ai.djl.ndarray.types.DataType.FLOAT16;
      case INT8 -> ai.djl.ndarray.types.DataType.INT8;
      case INT16 -> ai.djl.ndarray.types.DataType.INT16;
      case INT32 -> ai.djl.ndarray.types.DataType.INT32;
      case INT64 -> ai.djl.ndarray.types.DataType.INT64;
      case UINT8 -> ai.djl.ndarray.types.DataType.UINT8;
      case UINT16 -> ai.djl.ndarray.types.DataType.UINT16;
      case UINT32 -> ai.djl.ndarray.types.DataType.UINT32;
      case UINT64 -> ai.djl.ndarray.types.DataType.UINT64;
      case BOOL, BYTES -> throw new IllegalArgumentException(type + " has no raw form");
    };
  }

  /** The protocol type of a fixed-width numeric DJL type, or null for the others. */
  private static DataType rawType(ai.djl.ndarray.types.DataType type) {
    return switch (type) {
      case FLOAT32 -> DataType.FP32;
      case FLOAT64 -> DataType.FP64;
      case FLOAT16 -> DataType.FP16;
      case INT8 -> DataType.INT8;
      case INT16 -> DataType.INT16;
      case INT32 -> DataType.INT32;
      case INT64 -> DataType.INT64;
      case UINT8 -> DataType.UINT8;
      case UINT16 -> DataType.UINT16;
      case UINT32 -> DataType.UINT32;
      case UINT64 -> DataType.UINT64;
      default -> null;
    };
  }

  static Tensor toTensor(String name, NDArray a) {
    long[] shape = a.getShape().getShape();
    DataType raw = rawType(a.getDataType());
    if (raw != null && NATIVE_LITTLE_ENDIAN) {
      return new Tensor(name, raw, shape, a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }
    Object data;
    DataType type;
    switch (a.getDataType()) {
      case FLOAT32 -> {
        type = DataType.FP32;
        data = a.toFloatArray();
      }
      case FLOAT64 -> {
        type = DataType.FP64;
        data = a.toDoubleArray();
      }
      case INT32 -> {
        type = DataType.INT32;
        data = a.toIntArray();
      }
      case INT64 -> {
        type = DataType.INT64;
        data = a.toLongArray();
      }
      case INT8 -> {
        type = DataType.INT8;
        data = a.toByteArray();
      }
      case UINT8 -> {
        type = DataType.UINT8;
        data = a.toByteArray();
      }
      case BOOLEAN -> {
        type = DataType.BOOL;
        data = a.toBooleanArray();
      }
      case UINT32 -> {
        type = DataType.UINT32;
        data = ints(a.toByteBuffer());
      }
      case UINT64 -> {
        type = DataType.UINT64;
        data = longs(a.toByteBuffer());
      }
      case INT16 -> {
        type = DataType.INT16;
        data = shortArray(a.toByteBuffer());
      }
      case UINT16 -> {
        type = DataType.UINT16;
        data = shortArray(a.toByteBuffer());
      }
      case FLOAT16 -> {
        type = DataType.FP16;
        data = shortArray(a.toByteBuffer());
      }
      case STRING -> {
        type = DataType.BYTES;
        data = utf8(a.toStringArray(StandardCharsets.UTF_8));
      }
      default ->
          throw new IllegalStateException(
              "output '"
                  + name
                  + "' has datatype "
                  + a.getDataType()
                  + ", which the protocol cannot carry");
    }
    return new Tensor(name, type, shape, data);
  }

  private static ByteBuffer shorts(short[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(values.length * 2).order(ByteOrder.nativeOrder());
    b.asShortBuffer().put(values);
    return b;
  }

  private static short[] shortArray(ByteBuffer b) {
    ShortBuffer s = b.order(ByteOrder.nativeOrder()).asShortBuffer();
    short[] out = new short[s.remaining()];
    s.get(out);
    return out;
  }

  private static int[] ints(ByteBuffer b) {
    IntBuffer s = b.order(ByteOrder.nativeOrder()).asIntBuffer();
    int[] out = new int[s.remaining()];
    s.get(out);
    return out;
  }

  private static long[] longs(ByteBuffer b) {
    LongBuffer s = b.order(ByteOrder.nativeOrder()).asLongBuffer();
    long[] out = new long[s.remaining()];
    s.get(out);
    return out;
  }

  private static String[] strings(byte[][] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = new String(values[i], StandardCharsets.UTF_8);
    }
    return out;
  }

  private static byte[][] utf8(String[] values) {
    byte[][] out = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }
}
