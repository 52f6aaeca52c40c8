package dev.modelport.serving.batching;

import dev.modelport.protocol.codec.RawTensorCodec;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Shapes;
import dev.modelport.protocol.tensor.Tensor;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins the inputs of several requests along dimension 0 and cuts each request's rows out of a
 * batch's outputs. Fixed-width numeric inputs ({@link DataType#hasRawForm()}) are written once,
 * whether they arrive as arrays or as raw views of a request's bytes, into one direct little-endian
 * buffer that the engine reads in place (no per-request array, no large heap array per batch); BOOL
 * and BYTES inputs are joined by copying arrays. Raw outputs are cut into views without a copy;
 * array outputs are copied ({@code System.arraycopy}). Stateless.
 */
public final class TensorBatches {

  private TensorBatches() {}

  /** True when the two requests' inputs can be joined: same count, datatypes and trailing dims. */
  public static boolean joinable(List<Tensor> a, List<Tensor> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Tensor x = a.get(i);
      Tensor y = b.get(i);
      if (x.datatype() != y.datatype()
          || x.shape().length != y.shape().length
          || x.shape().length == 0
          || !Arrays.equals(x.shape(), 1, x.shape().length, y.shape(), 1, y.shape().length)) {
        return false;
      }
    }
    return true;
  }

  /** Rows (dimension 0) of a request: the first input's first dimension. */
  public static int rows(List<Tensor> inputs) {
    long[] shape = inputs.get(0).shape();
    return shape.length == 0 ? 1 : (int) shape[0];
  }

  /** The inputs of {@code requests} (joinable) concatenated along dimension 0, input by input. */
  public static List<Tensor> join(List<List<Tensor>> requests) {
    if (requests.size() == 1) {
      return requests.get(0);
    }
    List<Tensor> first = requests.get(0);
    List<Tensor> joined = new ArrayList<>(first.size());
    for (int i = 0; i < first.size(); i++) {
      Tensor proto = first.get(i);
      long rows = 0;
      int elements = 0;
      for (List<Tensor> r : requests) {
        rows += r.get(i).shape()[0];
        elements += r.get(i).elementCount();
      }
      Object data =
          proto.datatype().hasRawForm()
              ? joinRaw(requests, i, elements, proto.datatype())
              : joinArrays(requests, i, elements, proto);
      long[] shape = proto.shape().clone();
      shape[0] = rows;
      joined.add(new Tensor(proto.name(), proto.datatype(), shape, data));
    }
    return joined;
  }

  private static ByteBuffer joinRaw(
      List<List<Tensor>> requests, int input, int elements, DataType type) {
    ByteBuffer joined =
        ByteBuffer.allocateDirect(elements * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (List<Tensor> r : requests) {
      RawTensorCodec.encode(r.get(input), joined);
    }
    return joined.flip();
  }

  private static Object joinArrays(
      List<List<Tensor>> requests, int input, int elements, Tensor proto) {
    Object data = Array.newInstance(proto.data().getClass().getComponentType(), elements);
    int offset = 0;
    for (List<Tensor> r : requests) {
      Tensor t = r.get(input);
      int n = t.elementCount();
      System.arraycopy(t.data(), 0, data, offset, n);
      offset += n;
    }
    return data;
  }

  /**
   * Checks that every output has {@code total} rows, so that {@link #slice} can cut it.
   *
   * @throws IllegalStateException when an output's first dimension is not {@code total}
   */
  public static void checkRows(List<Tensor> outputs, int total) {
    for (Tensor out : outputs) {
      long[] shape = out.shape();
      if (shape.length == 0 || shape[0] != total) {
        throw new IllegalStateException(
            "model returned output '"
                + out.name()
                + "' with shape "
                + Shapes.format(shape)
                + " for a batch of "
                + total
                + " rows");
      }
    }
  }

  /**
   * Rows {@code [firstRow, firstRow + rows)} of each output (of {@code total} rows, checked by
   * {@link #checkRows}): a view of a raw output, a copy of an array output. Reads the outputs only,
   * so several threads may slice one batch.
   */
  public static List<Tensor> slice(List<Tensor> outputs, int firstRow, int rows, int total) {
    List<Tensor> part = new ArrayList<>(outputs.size());
    for (Tensor out : outputs) {
      int perRow = total == 0 ? 0 : out.elementCount() / total;
      int n = rows * perRow;
      Object data;
      if (out.isRaw()) {
        int size = out.datatype().byteSize();
        data =
            out.rawBytes().slice(firstRow * perRow * size, n * size).order(ByteOrder.LITTLE_ENDIAN);
      } else {
        data = Array.newInstance(out.data().getClass().getComponentType(), n);
        System.arraycopy(out.data(), firstRow * perRow, data, 0, n);
      }
      long[] shape = out.shape().clone();
      shape[0] = rows;
      part.add(new Tensor(out.name(), out.datatype(), shape, data));
    }
    return part;
  }
}
