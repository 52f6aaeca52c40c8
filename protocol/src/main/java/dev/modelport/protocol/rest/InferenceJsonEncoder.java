package dev.modelport.protocol.rest;

import dev.modelport.protocol.codec.RawTensorCodec;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes V2 inference requests and responses as HTTP bodies, with Triton's binary tensor extension
 * for the tensors chosen: their {@code data} is left out of the JSON, a {@code binary_data_size}
 * parameter gives its raw length, and the raw little-endian bytes follow the JSON header in tensor
 * order. Stateless and thread-safe; each call builds its body in memory (header plus raw bytes,
 * then one copy).
 */
public final class InferenceJsonEncoder {

  /** Request parameter asking for all outputs in binary form. */
  public static final String BINARY_DATA_OUTPUT = "binary_data_output";

  /** Requested-output parameter asking for that output in binary form. */
  public static final String BINARY_DATA = "binary_data";

  private InferenceJsonEncoder() {}

  /** The response body, with the outputs that {@code binaryOutput} accepts in binary form. */
  public static EncodedBody encodeResponse(
      InferenceResponse response, Predicate<String> binaryOutput) {
    List<Tensor> binaries = new ArrayList<>();
    List<ResponseOutput> outputs = new ArrayList<>(response.outputs().size());
    for (ResponseOutput out : response.outputs()) {
      if (binaryOutput.test(out.name()) && out.data() != null) {
        Tensor binary = out.toTensor();
        binaries.add(binary);
        outputs.add(
            new ResponseOutput(
                out.name(),
                out.shape(),
                out.datatype(),
                withBinarySize(out.parameters(), binarySize(binary)),
                null));
      } else {
        outputs.add(out);
      }
    }
    InferenceResponse header =
        new InferenceResponse(
            response.modelName(),
            response.modelVersion(),
            response.id(),
            response.parameters(),
            outputs);
    return body(header, binaries);
  }

  /** The request body, with the inputs that {@code binaryInput} accepts in binary form. */
  public static EncodedBody encodeRequest(InferenceRequest request, Predicate<String> binaryInput) {
    List<Tensor> binaries = new ArrayList<>();
    List<RequestInput> inputs = new ArrayList<>(request.inputs().size());
    for (RequestInput in : request.inputs()) {
      if (binaryInput.test(in.name()) && in.data() != null) {
        Tensor binary = in.toTensor();
        binaries.add(binary);
        inputs.add(
            new RequestInput(
                in.name(),
                in.shape(),
                in.datatype(),
                withBinarySize(in.parameters(), binarySize(binary)),
                null));
      } else {
        inputs.add(in);
      }
    }
    InferenceRequest header =
        new InferenceRequest(request.id(), request.parameters(), inputs, request.outputs());
    return body(header, binaries);
  }

  /**
   * Which outputs the request wants in binary form: all when its parameters set {@code
   * binary_data_output} true, else those requested with {@code binary_data} true.
   */
  public static Predicate<String> binaryOutputsRequestedBy(InferenceRequest request) {
    if (isTrue(request.parameters(), BINARY_DATA_OUTPUT)) {
      return name -> true;
    }
    if (request.outputs() == null) {
      return name -> false;
    }
    Set<String> names =
        request.outputs().stream()
            .filter(o -> isTrue(o.parameters(), BINARY_DATA))
            .map(RequestOutput::name)
            .collect(Collectors.toUnmodifiableSet());
    return names::contains;
  }

  /** The tensors as a response body in plain JSON (no binary data). */
  public static EncodedBody encodeResponse(InferenceResponse response) {
    return encodeResponse(response, name -> false);
  }

  /** Convenience: a request of {@code tensors} with no id or parameters, all in plain JSON. */
  public static EncodedBody encodeRequest(List<Tensor> tensors) {
    return encodeRequest(
        new InferenceRequest(null, null, tensors.stream().map(RequestInput::of).toList(), null),
        name -> false);
  }

  private static boolean isTrue(Map<String, Object> parameters, String key) {
    return parameters != null && Boolean.TRUE.equals(parameters.get(key));
  }

  private static int binarySize(Tensor t) {
    long size = RawTensorCodec.rawSize(t);
    if (size > TensorLimits.ARRAY_LIMIT) {
      throw new IllegalArgumentException(
          "tensor '" + t.name() + "' needs " + size + " raw bytes, more than an array holds");
    }
    return (int) size;
  }

  private static Map<String, Object> withBinarySize(Map<String, Object> parameters, int size) {
    Map<String, Object> out =
        parameters == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parameters);
    out.remove(BINARY_DATA);
    out.put(JsonTensor.BINARY_DATA_SIZE, size);
    return out;
  }

  /**
   * The JSON header followed by the binary tensors' raw bytes, each written once, straight into the
   * body's array (a raw tensor's bytes are copied from its buffer, an array tensor's encoded
   * there).
   */
  private static EncodedBody body(Object header, List<Tensor> binaries) {
    try {
      // Jackson's recycled buffers, no 4 KB stream per body
      byte[] json = InferenceJson.MAPPER.writeValueAsBytes(header);
      if (binaries.isEmpty()) {
        return new EncodedBody(json, json.length);
      }
      long size = json.length;
      for (Tensor t : binaries) {
        size += RawTensorCodec.rawSize(t);
      }
      if (size > TensorLimits.ARRAY_LIMIT) {
        throw new IllegalArgumentException(
            "the body needs " + size + " bytes, more than an array holds");
      }
      byte[] body = new byte[(int) size];
      System.arraycopy(json, 0, body, 0, json.length);
      ByteBuffer target = ByteBuffer.wrap(body, json.length, body.length - json.length);
      for (Tensor t : binaries) {
        RawTensorCodec.encode(t, target);
      }
      return new EncodedBody(body, json.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to an array does not fail
    }
  }
}
