package dev.modelport.protocol.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.modelport.protocol.grpc.InferParameter;
import dev.modelport.protocol.grpc.InferTensorContents;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Shapes;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the gRPC messages of {@code inference.GRPCInferenceService} to and from {@link Tensor}s.
 *
 * <p>Typed contents use the protocol's fields: {@code bool_contents} for BOOL, {@code int_contents}
 * for INT8/INT16/INT32, {@code int64_contents} for INT64, {@code uint_contents} for
 * UINT8/UINT16/UINT32, {@code uint64_contents} for UINT64, {@code fp32_contents}, {@code
 * fp64_contents} and {@code bytes_contents}. FP16 has no typed field and travels only as raw
 * contents ({@link RawTensorCodec}). Narrow types are range-checked when read. Reading copies typed
 * contents into primitive arrays through the generated index accessors (no boxing); raw contents of
 * the fixed-width numeric types become raw tensors over a read-only view of the {@link ByteString},
 * and raw tensors are written as raw contents without a copy.
 *
 * <p>Stateless and thread-safe. Failures are {@link TensorFormatException}s naming the tensor.
 */
public final class GrpcTensorMapper {

  private GrpcTensorMapper() {}

  /**
   * The input tensors of a request, from raw contents when {@code raw_input_contents} is present
   * (one per input, none with typed contents) and from typed contents otherwise.
   */
  public static List<Tensor> inputs(ModelInferRequest request, TensorLimits limits) {
    int raws = request.getRawInputContentsCount();
    if (raws > 0 && raws != request.getInputsCount()) {
      throw TensorFormatException.ofMessage(
          "request",
          raws
              + " raw_input_contents for "
              + request.getInputsCount()
              + " inputs; give one per input, in order",
          null);
    }
    List<Tensor> tensors = new ArrayList<>(request.getInputsCount());
    for (int i = 0; i < request.getInputsCount(); i++) {
      ModelInferRequest.InferInputTensor in = request.getInputs(i);
      String name = requireName(TensorRole.INPUT, i, in.getName());
      DataType type = datatype(TensorRole.INPUT, name, in.getDatatype());
      long[] shape = new long[in.getShapeCount()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = in.getShape(d);
      }
      if (raws > 0) {
        if (in.hasContents()) {
          throw new TensorFormatException(
              TensorRole.INPUT,
              name,
              "has typed contents while the request uses raw_input_contents; use one form");
        }
        tensors.add(
            RawTensorCodec.decode(
                TensorRole.INPUT,
                name,
                type,
                shape,
                request.getRawInputContents(i).asReadOnlyByteBuffer(),
                limits));
      } else {
        tensors.add(fromContents(TensorRole.INPUT, name, type, shape, in.getContents(), limits));
      }
    }
    return tensors;
  }

  /** The output tensors of a response; see {@link #inputs(ModelInferRequest, TensorLimits)}. */
  public static List<Tensor> outputs(ModelInferResponse response, TensorLimits limits) {
    int raws = response.getRawOutputContentsCount();
    if (raws > 0 && raws != response.getOutputsCount()) {
      throw TensorFormatException.ofMessage(
          "response",
          raws + " raw_output_contents for " + response.getOutputsCount() + " outputs",
          null);
    }
    List<Tensor> tensors = new ArrayList<>(response.getOutputsCount());
    for (int i = 0; i < response.getOutputsCount(); i++) {
      ModelInferResponse.InferOutputTensor out = response.getOutputs(i);
      String name = requireName(TensorRole.OUTPUT, i, out.getName());
      DataType type = datatype(TensorRole.OUTPUT, name, out.getDatatype());
      long[] shape = new long[out.getShapeCount()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = out.getShape(d);
      }
      if (raws > 0) {
        tensors.add(
            RawTensorCodec.decode(
                TensorRole.OUTPUT,
                name,
                type,
                shape,
                response.getRawOutputContents(i).asReadOnlyByteBuffer(),
                limits));
      } else {
        tensors.add(fromContents(TensorRole.OUTPUT, name, type, shape, out.getContents(), limits));
      }
    }
    return tensors;
  }

  /**
   * Adds {@code tensors} as response outputs: as {@code raw_output_contents} when {@code raw} (what
   * Triton does, and the only form for FP16), as typed contents otherwise.
   */
  public static ModelInferResponse.Builder addOutputs(
      ModelInferResponse.Builder response, List<Tensor> tensors, boolean raw) {
    for (Tensor t : tensors) {
      ModelInferResponse.InferOutputTensor.Builder out =
          ModelInferResponse.InferOutputTensor.newBuilder()
              .setName(t.name())
              .setDatatype(t.datatype().name());
      for (long d : t.shape()) {
        out.addShape(d);
      }
      if (raw) {
        response.addRawOutputContents(rawContents(t));
      } else {
        out.setContents(toContents(TensorRole.OUTPUT, t));
      }
      response.addOutputs(out);
    }
    return response;
  }

  /** Adds {@code tensors} as request inputs, raw or typed; see {@link #addOutputs}. */
  public static ModelInferRequest.Builder addInputs(
      ModelInferRequest.Builder request, List<Tensor> tensors, boolean raw) {
    for (Tensor t : tensors) {
      ModelInferRequest.InferInputTensor.Builder in =
          ModelInferRequest.InferInputTensor.newBuilder()
              .setName(t.name())
              .setDatatype(t.datatype().name());
      for (long d : t.shape()) {
        in.addShape(d);
      }
      if (raw) {
        request.addRawInputContents(rawContents(t));
      } else {
        in.setContents(toContents(TensorRole.INPUT, t));
      }
      request.addInputs(in);
    }
    return request;
  }

  /**
   * The raw contents of {@code tensor}: a raw tensor's own bytes wrapped without a copy, otherwise
   * its array encoded once.
   */
  private static ByteString rawContents(Tensor t) {
    return UnsafeByteOperations.unsafeWrap(
        t.isRaw() ? t.rawBytes() : ByteBuffer.wrap(RawTensorCodec.encode(t)));
  }

  /**
   * The typed contents of {@code tensor}.
   *
   * @throws TensorFormatException for FP16, which has no typed field
   */
  public static InferTensorContents toContents(TensorRole role, Tensor tensor) {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    Object data = tensor.values();
    switch (tensor.datatype()) {
      case BOOL:
        for (boolean v : (boolean[]) data) {
          c.addBoolContents(v);
        }
        break;
      case INT8:
        for (byte v : (byte[]) data) {
          c.addIntContents(v);
        }
        break;
      case INT16:
        for (short v : (short[]) data) {
          c.addIntContents(v);
        }
        break;
      case INT32:
        for (int v : (int[]) data) {
          c.addIntContents(v);
        }
        break;
      case INT64:
        for (long v : (long[]) data) {
          c.addInt64Contents(v);
        }
        break;
      case UINT8:
        for (byte v : (byte[]) data) {
          c.addUintContents(v & 0xFF);
        }
        break;
      case UINT16:
        for (short v : (short[]) data) {
          c.addUintContents(v & 0xFFFF);
        }
        break;
      case UINT32:
        for (int v : (int[]) data) {
          c.addUintContents(v);
        }
        break;
      case UINT64:
        for (long v : (long[]) data) {
          c.addUint64Contents(v);
        }
        break;
      case FP32:
        for (float v : (float[]) data) {
          c.addFp32Contents(v);
        }
        break;
      case FP64:
        for (double v : (double[]) data) {
          c.addFp64Contents(v);
        }
        break;
      case BYTES:
        for (byte[] v : (byte[][]) data) {
          c.addBytesContents(ByteString.copyFrom(v));
        }
        break;
      case FP16:
        throw new TensorFormatException(
            role, tensor.name(), "FP16 has no typed contents field; send it as raw contents");
      default:
        throw new AssertionError(tensor.datatype());
    }
    return c.build();
  }

  /**
   * Reads typed contents as a tensor of the declared datatype and shape. The datatype's field must
   * hold exactly {@code product(shape)} values and the other fields must be empty.
   */
  public static Tensor fromContents(
      TensorRole role,
      String name,
      DataType type,
      long[] shape,
      InferTensorContents c,
      TensorLimits limits) {
    int count = limits.checkedElementCount(role, name, shape);
    String field = fieldOf(role, name, type);
    rejectOtherFields(role, name, type, field, c);
    int actual = fieldCount(c, type);
    if (actual != count) {
      throw new TensorFormatException(
          role,
          name,
          "expected "
              + count
              + " values for shape "
              + Shapes.format(shape)
              + ", got "
              + actual
              + " in "
              + field);
    }
    Object data;
    switch (type) {
      case BOOL:
        {
          boolean[] a = new boolean[count];
          for (int i = 0; i < count; i++) {
            a[i] = c.getBoolContents(i);
          }
          data = a;
          break;
        }
      case INT8:
      case UINT8:
        {
          byte[] a = new byte[count];
          long min = type == DataType.INT8 ? -128 : 0;
          long max = type == DataType.INT8 ? 127 : 255;
          for (int i = 0; i < count; i++) {
            a[i] = (byte) narrow(role, name, type, c, i, min, max);
          }
          data = a;
          break;
        }
      case INT16:
      case UINT16:
        {
          short[] a = new short[count];
          long min = type == DataType.INT16 ? Short.MIN_VALUE : 0;
          long max = type == DataType.INT16 ? Short.MAX_VALUE : 65535;
          for (int i = 0; i < count; i++) {
            a[i] = (short) narrow(role, name, type, c, i, min, max);
          }
          data = a;
          break;
        }
      case INT32:
      case UINT32:
        {
          int[] a = new int[count];
          for (int i = 0; i < count; i++) {
            a[i] = type == DataType.INT32 ? c.getIntContents(i) : c.getUintContents(i);
          }
          data = a;
          break;
        }
      case INT64:
      case UINT64:
        {
          long[] a = new long[count];
          for (int i = 0; i < count; i++) {
            a[i] = type == DataType.INT64 ? c.getInt64Contents(i) : c.getUint64Contents(i);
          }
          data = a;
          break;
        }
      case FP32:
        {
          float[] a = new float[count];
          for (int i = 0; i < count; i++) {
            a[i] = c.getFp32Contents(i);
          }
          data = a;
          break;
        }
      case FP64:
        {
          double[] a = new double[count];
          for (int i = 0; i < count; i++) {
            a[i] = c.getFp64Contents(i);
          }
          data = a;
          break;
        }
      case BYTES:
        {
          byte[][] a = new byte[count][];
          for (int i = 0; i < count; i++) {
            a[i] = c.getBytesContents(i).toByteArray();
          }
          data = a;
          break;
        }
      default:
        throw new AssertionError(type);
    }
    return new Tensor(name, type, shape, data);
  }

  /** The Java value of a parameter: Boolean, Long, String, Double, or Long bits for uint64. */
  public static Object parameterValue(InferParameter p) {
    switch (p.getParameterChoiceCase()) {
      case BOOL_PARAM:
        return p.getBoolParam();
      case INT64_PARAM:
        return p.getInt64Param();
      case STRING_PARAM:
        return p.getStringParam();
      case DOUBLE_PARAM:
        return p.getDoubleParam();
      case UINT64_PARAM:
        return p.getUint64Param();
      default:
        return null;
    }
  }

  /** The parameters as a map of Java values; see {@link #parameterValue(InferParameter)}. */
  public static Map<String, Object> parameters(Map<String, InferParameter> parameters) {
    Map<String, Object> out = new LinkedHashMap<>();
    parameters.forEach((k, v) -> out.put(k, parameterValue(v)));
    return out;
  }

  /**
   * The parameter holding {@code value}: Boolean, a whole Number (Byte, Short, Integer, Long),
   * another Number (as double) or anything else as its string form.
   */
  public static InferParameter parameter(Object value) {
    InferParameter.Builder b = InferParameter.newBuilder();
    if (value instanceof Boolean bool) {
      b.setBoolParam(bool);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      b.setInt64Param(((Number) value).longValue());
    } else if (value instanceof Number n) {
      b.setDoubleParam(n.doubleValue());
    } else {
      b.setStringParam(String.valueOf(value));
    }
    return b.build();
  }

  private static long narrow(
      TensorRole role,
      String name,
      DataType type,
      InferTensorContents c,
      int i,
      long min,
      long max) {
    long v = type.isUnsigned() ? Integer.toUnsignedLong(c.getUintContents(i)) : c.getIntContents(i);
    if (v < min || v > max) {
      throw new TensorFormatException(
          role,
          name,
          fieldOf(role, name, type)
              + "["
              + i
              + "]: "
              + v
              + " is out of range for "
              + type
              + " ["
              + min
              + ", "
              + max
              + "]");
    }
    return v;
  }

  private static String fieldOf(TensorRole role, String name, DataType type) {
    switch (type) {
      case BOOL:
        return "bool_contents";
      case INT8:
      case INT16:
      case INT32:
        return "int_contents";
      case INT64:
        return "int64_contents";
      case UINT8:
      case UINT16:
      case UINT32:
        return "uint_contents";
      case UINT64:
        return "uint64_contents";
      case FP32:
        return "fp32_contents";
      case FP64:
        return "fp64_contents";
      case BYTES:
        return "bytes_contents";
      case FP16:
        throw new TensorFormatException(
            role, name, "FP16 has no typed contents field; send it as raw contents");
      default:
        throw new AssertionError(type);
    }
  }

  private static int fieldCount(InferTensorContents c, String field) {
    switch (field) {
      case "bool_contents":
        return c.getBoolContentsCount();
      case "int_contents":
        return c.getIntContentsCount();
      case "int64_contents":
        return c.getInt64ContentsCount();
      case "uint_contents":
        return c.getUintContentsCount();
      case "uint64_contents":
        return c.getUint64ContentsCount();
      case "fp32_contents":
        return c.getFp32ContentsCount();
      case "fp64_contents":
        return c.getFp64ContentsCount();
      case "bytes_contents":
        return c.getBytesContentsCount();
      default:
        throw new AssertionError(field);
    }
  }

  private static int fieldCount(InferTensorContents c, DataType type) {
    return fieldCount(c, fieldOf(TensorRole.INPUT, "", type));
  }

  private static void rejectOtherFields(
      TensorRole role, String name, DataType type, String field, InferTensorContents c) {
    for (String other :
        List.of(
            "bool_contents",
            "int_contents",
            "int64_contents",
            "uint_contents",
            "uint64_contents",
            "fp32_contents",
            "fp64_contents",
            "bytes_contents")) {
      if (!other.equals(field) && fieldCount(c, other) > 0) {
        throw new TensorFormatException(
            role, name, type + " contents belong in " + field + ", got " + other);
      }
    }
  }

  private static String requireName(TensorRole role, int index, String name) {
    if (name.isEmpty()) {
      throw TensorFormatException.atIndex(role, index, "missing name");
    }
    return name;
  }

  static DataType datatype(TensorRole role, String name, String datatype) {
    if (datatype == null || datatype.isEmpty()) {
      throw new TensorFormatException(role, name, "missing datatype");
    }
    try {
      return DataType.parse(datatype);
    } catch (IllegalArgumentException e) {
      throw new TensorFormatException(role, name, e.getMessage());
    }
  }
}
