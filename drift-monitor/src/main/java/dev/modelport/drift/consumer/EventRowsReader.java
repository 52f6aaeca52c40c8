package dev.modelport.drift.consumer;

import dev.modelport.drift.baseline.InputBlock;
import dev.modelport.drift.baseline.MonitoredSignature;
import dev.modelport.drift.baseline.OutputBlock;
import dev.modelport.drift.window.EventRows;
import dev.modelport.drift.window.RowBlock;
import dev.modelport.protocol.event.EventTensor;
import dev.modelport.protocol.event.EventTensors;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Float16;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the feature rows of an event against the version's signature. Every monitored input must be
 * present by name as an {@code [N, F_i]} tensor (or {@code [F_i]}, one row) with the signature's
 * feature count, all with the same N. FP32 stays float, FP64 double, FP16 is widened to float; the
 * integer types and BOOL become {@code long} values. Floating-point values must be finite. BYTES
 * inputs are not supported. Stateless and thread-safe; decoding copies each tensor's bytes once.
 */
public final class EventRowsReader {

  private final TensorLimits limits;

  public EventRowsReader(TensorLimits limits) {
    this.limits = limits;
  }

  public EventRows read(InferenceEvent event, MonitoredSignature signature)
      throws BadEventException {
    List<RowBlock> blocks = new ArrayList<>(signature.inputs().size());
    int rows = -1;
    for (InputBlock input : signature.inputs()) {
      EventTensor tensor = find(event, input.name());
      int n = rowsOf(tensor, input);
      if (rows >= 0 && n != rows) {
        throw new BadEventException(
            BadEventReason.SCHEMA_MISMATCH,
            "input '" + input.name() + "' has " + n + " rows, an earlier input " + rows);
      }
      rows = n;
      Tensor decoded;
      try {
        decoded = EventTensors.fromEvent(tensor, TensorRole.INPUT, limits);
      } catch (TensorFormatException e) {
        throw new BadEventException(BadEventReason.UNDECODABLE, e.getMessage());
      }
      blocks.add(new RowBlock(columnsData(decoded, input), input.firstFeature(), input.columns()));
    }
    rows = Math.max(rows, 0);
    return new EventRows(rows, blocks, outputs(event, signature, rows));
  }

  /**
   * The usable outputs of an event: present by name, {@code [N]} or {@code [N, K]} with the
   * signature's K and the inputs' N, decodable and finite. An output that is not usable is left out
   * (the event's inputs still count): outputs only inform prediction drift.
   */
  private List<RowBlock> outputs(InferenceEvent event, MonitoredSignature signature, int rows) {
    if (signature.outputs().isEmpty() || event.getOutputsCount() == 0) {
      return List.of();
    }
    List<RowBlock> blocks = new ArrayList<>(signature.outputs().size());
    for (OutputBlock output : signature.outputs()) {
      EventTensor tensor = null;
      for (EventTensor t : event.getOutputsList()) {
        if (t.getName().equals(output.name())) {
          tensor = t;
          break;
        }
      }
      if (tensor == null || !outputShapeFits(tensor, output, rows)) {
        continue;
      }
      InputBlock asBlock =
          new InputBlock(output.name(), null, output.columns(), output.firstColumn());
      try {
        Tensor decoded = EventTensors.fromEvent(tensor, TensorRole.OUTPUT, limits);
        blocks.add(
            new RowBlock(columnsData(decoded, asBlock), output.firstColumn(), output.columns()));
      } catch (TensorFormatException | BadEventException e) {
        // not usable: left out
      }
    }
    return blocks;
  }

  private static boolean outputShapeFits(EventTensor tensor, OutputBlock output, int rows) {
    int dims = tensor.getShapeCount();
    if (dims == 1) {
      return output.columns() == 1 && tensor.getShape(0) == rows;
    }
    return dims == 2 && tensor.getShape(0) == rows && tensor.getShape(1) == output.columns();
  }

  private static EventTensor find(InferenceEvent event, String name) throws BadEventException {
    for (EventTensor t : event.getInputsList()) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    throw new BadEventException(BadEventReason.SCHEMA_MISMATCH, "no input named '" + name + "'");
  }

  private static int rowsOf(EventTensor tensor, InputBlock input) throws BadEventException {
    int dims = tensor.getShapeCount();
    long columns = dims == 0 ? -1 : tensor.getShape(dims - 1);
    if ((dims != 1 && dims != 2) || columns != input.columns()) {
      throw new BadEventException(
          BadEventReason.SCHEMA_MISMATCH,
          "input '"
              + input.name()
              + "' has shape "
              + tensor.getShapeList()
              + ", expected [N, "
              + input.columns()
              + "]");
    }
    long n = dims == 1 ? 1 : tensor.getShape(0);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new BadEventException(
          BadEventReason.SCHEMA_MISMATCH, "input '" + input.name() + "' has " + n + " rows");
    }
    return (int) n;
  }

  private static Object columnsData(Tensor t, InputBlock input) throws BadEventException {
    Object data = t.values();
    switch (t.datatype()) {
      case FP32:
        {
          float[] f = (float[]) data;
          for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
              throw nonFinite(input, i, f[i]);
            }
          }
          return f;
        }
      case FP64:
        {
          double[] d = (double[]) data;
          for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
              throw nonFinite(input, i, d[i]);
            }
          }
          return d;
        }
      case FP16:
        {
          short[] h = (short[]) data;
          float[] f = new float[h.length];
          for (int i = 0; i < h.length; i++) {
            f[i] = Float16.toFloat(h[i]);
            if (!Float.isFinite(f[i])) {
              throw nonFinite(input, i, f[i]);
            }
          }
          return f;
        }
      case INT64:
      case UINT64:
        return data;
      case INT32:
      case UINT32:
        {
          int[] v = (int[]) data;
          long[] out = new long[v.length];
          boolean unsigned = t.datatype() == DataType.UINT32;
          for (int i = 0; i < v.length; i++) {
            out[i] = unsigned ? Integer.toUnsignedLong(v[i]) : v[i];
          }
          return out;
        }
      case INT16:
      case UINT16:
        {
          short[] v = (short[]) data;
          long[] out = new long[v.length];
          boolean unsigned = t.datatype() == DataType.UINT16;
          for (int i = 0; i < v.length; i++) {
            out[i] = unsigned ? Short.toUnsignedLong(v[i]) : v[i];
          }
          return out;
        }
      case INT8:
      case UINT8:
        {
          byte[] v = (byte[]) data;
          long[] out = new long[v.length];
          boolean unsigned = t.datatype() == DataType.UINT8;
          for (int i = 0; i < v.length; i++) {
            out[i] = unsigned ? Byte.toUnsignedLong(v[i]) : v[i];
          }
          return out;
        }
      case BOOL:
        {
          boolean[] v = (boolean[]) data;
          long[] out = new long[v.length];
          for (int i = 0; i < v.length; i++) {
            out[i] = v[i] ? 1 : 0;
          }
          return out;
        }
      default:
        throw new BadEventException(
            BadEventReason.SCHEMA_MISMATCH,
            "input '"
                + input.name()
                + "' is "
                + t.datatype()
                + ", which the drift-monitor does not profile");
    }
  }

  private static BadEventException nonFinite(InputBlock input, int index, double value) {
    return new BadEventException(
        BadEventReason.NON_FINITE,
        "input '"
            + input.name()
            + "' row "
            + index / input.columns()
            + ", column "
            + index % input.columns()
            + " is "
            + value);
  }
}
