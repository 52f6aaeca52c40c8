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
 * Copies between protocol {@link Tensor}s (primitive arrays) and DJL {@link NDArray}s. Arrays
 * created here belong to the given manager, which the caller closes (per engine call). Stateless.
 */
final class NDArrayTensors {

  private NDArrayTensors() {}

  static NDArray toNDArray(NDManager manager, Tensor t) {
    Shape shape = new Shape(t.shape());
    NDArray array =
        switch (t.datatype()) {
          case FP32 ->
              manager.create(
                  FloatBuffer.wrap((float[]) t.data()),
                  shape,
                  ai.djl.ndarray.types.DataType.FLOAT32);
          case FP64 ->
              manager.create(
                  DoubleBuffer.wrap((double[]) t.data()),
                  shape,
                  ai.djl.ndarray.types.DataType.FLOAT64);
          case INT32 ->
              manager.create(
                  IntBuffer.wrap((int[]) t.data()), shape, ai.djl.ndarray.types.DataType.INT32);
          case UINT32 ->
              manager.create(
                  IntBuffer.wrap((int[]) t.data()), shape, ai.djl.ndarray.types.DataType.UINT32);
          case INT64 ->
              manager.create(
                  LongBuffer.wrap((long[]) t.data()), shape, ai.djl.ndarray.types.DataType.INT64);
          case UINT64 ->
              manager.create(
                  LongBuffer.wrap((long[]) t.data()), shape, ai.djl.ndarray.types.DataType.UINT64);
          case INT8 ->
              manager.create(
                  ByteBuffer.wrap((byte[]) t.data()), shape, ai.djl.ndarray.types.DataType.INT8);
          case UINT8 ->
              manager.create(
                  ByteBuffer.wrap((byte[]) t.data()), shape, ai.djl.ndarray.types.DataType.UINT8);
          case INT16 ->
              manager.create(
                  shorts((short[]) t.data()), shape, ai.djl.ndarray.types.DataType.INT16);
          case UINT16 ->
              manager.create(
                  shorts((short[]) t.data()), shape, ai.djl.ndarray.types.DataType.UINT16);
          case FP16 ->
              manager.create(
                  shorts((short[]) t.data()), shape, ai.djl.ndarray.types.DataType.FLOAT16);
          case BOOL -> manager.create((boolean[]) t.data(), shape);
          case BYTES -> manager.create(strings((byte[][]) t.data()), StandardCharsets.UTF_8, shape);
        };
    array.setName(t.name());
    return array;
  }

  static Tensor toTensor(String name, NDArray a) {
    long[] shape = a.getShape().getShape();
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
