package dev.modelport.benchmarks.serving.outside;

import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.tensor.Tensor;
import java.util.List;

/**
 * A gRPC request body as it travels in HTTP/2 DATA frames: the length-prefixed message (one byte
 * compressed flag, 0; four bytes of message length, big-endian; the protobuf message). {@code
 * h2load -d} sends this file as the body of every request.
 */
public final class GrpcFrame {

  /** The HTTP/2 path of the KServe V2 {@code ModelInfer} call. */
  public static final String MODEL_INFER_PATH = "/inference.GRPCInferenceService/ModelInfer";

  private GrpcFrame() {}

  /** {@code message} with the gRPC length prefix, uncompressed. */
  public static byte[] lengthPrefixed(byte[] message) {
    byte[] framed = new byte[5 + message.length];
    framed[0] = 0;
    framed[1] = (byte) (message.length >>> 24);
    framed[2] = (byte) (message.length >>> 16);
    framed[3] = (byte) (message.length >>> 8);
    framed[4] = (byte) message.length;
    System.arraycopy(message, 0, framed, 5, message.length);
    return framed;
  }

  /** A framed {@code ModelInfer} request with raw input contents, to the default version. */
  public static byte[] modelInfer(String model, List<Tensor> inputs) {
    ModelInferRequest request =
        GrpcTensorMapper.addInputs(ModelInferRequest.newBuilder().setModelName(model), inputs, true)
            .build();
    return lengthPrefixed(request.toByteArray());
  }
}
