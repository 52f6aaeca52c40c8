package dev.modelport.serving.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.SignatureException;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.serving.model.ModelConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a model's signature from its ONNX graph (names, element types, shapes; symbolic dimensions
 * become -1; no feature names), for models whose {@code model.yaml} declares none, and checks it
 * ({@link ModelSignature#check()}). Opens a short-lived ONNX Runtime session, so it costs about one
 * model load; thread-safe.
 */
public final class OnnxSignatureReader {

  private OnnxSignatureReader() {}

  /**
   * The checked signature of the ONNX model in {@code file}.
   *
   * @throws ModelConfigException when ONNX Runtime cannot read the model, or its graph's inputs and
   *     outputs are not a servable signature (then {@code model.yaml} must declare one)
   */
  public static ModelSignature read(Path file) {
    ModelSignature signature;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(file.toString(), options)) {
      signature =
          new ModelSignature(
              specs(session.getInputInfo(), file), specs(session.getOutputInfo(), file));
    } catch (OrtException e) {
      throw new ModelConfigException(
          file + ": ONNX Runtime cannot read the model: " + e.getMessage(), e);
    }
    try {
      return signature.check();
    } catch (SignatureException e) {
      throw new ModelConfigException(
          file
              + ": the ONNX graph's signature cannot be served ("
              + e.getMessage()
              + "); declare inputs and outputs in model.yaml",
          e);
    }
  }

  private static List<TensorSpec> specs(Map<String, NodeInfo> nodes, Path file) {
    List<TensorSpec> specs = new ArrayList<>();
    for (NodeInfo node : nodes.values()) {
      if (!(node.getInfo() instanceof TensorInfo info)) {
        throw new ModelConfigException(
            file
                + ": '"
                + node.getName()
                + "' is not a tensor ("
                + node.getInfo()
                + "); declare the signature in model.yaml");
      }
      long[] shape = info.getShape().clone();
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shape[i] < 0 ? -1 : shape[i];
      }
      specs.add(
          new TensorSpec(node.getName(), datatype(info, node.getName(), file), shape, List.of()));
    }
    return specs;
  }

  private static DataType datatype(TensorInfo info, String name, Path file) {
    return switch (info.onnxType) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FP32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.FP64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FP16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> DataType.INT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> DataType.UINT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> DataType.UINT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> DataType.UINT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOL;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> DataType.BYTES;
      default ->
          throw new ModelConfigException(
              file
                  + ": tensor '"
                  + name
                  + "' has element type "
                  + info.onnxType
                  + ", which the protocol cannot carry");
    };
  }
}
