package dev.modelport.protocol.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.modelport.protocol.codec.RawTensorCodec;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads V2 inference request and response bodies in one streaming pass: tensor {@code data} is
 * decoded straight into primitive arrays ({@link JsonTensorDeserializer}), never bound to lists of
 * boxed values, and every tensor's shape is checked against the {@link TensorLimits} before its
 * array is allocated.
 *
 * <p>Triton's binary tensor extension: pass the value of the {@code
 * Inference-Header-Content-Length} HTTP header as {@code headerLength} (null when absent). The JSON
 * header is then that many bytes, and the tensors whose parameters carry {@code binary_data_size}
 * take their data, in order, from the bytes after it; the returned tensors have their data and no
 * longer carry that parameter.
 *
 * <p>Every protocol problem is a {@link TensorFormatException} (HTTP 400) whose message names the
 * tensor, or starts with {@code request:}/{@code response:}. Immutable and thread-safe.
 */
public final class InferenceJsonDecoder {

  private final TensorLimits limits;
  private final ObjectReader requestReader;
  private final ObjectReader responseReader;

  public InferenceJsonDecoder(TensorLimits limits) {
    this(limits, InferenceJson.MAPPER);
  }

  /** A decoder on another mapper configured as {@link InferenceJson#newMapper} (tests). */
  InferenceJsonDecoder(TensorLimits limits, ObjectMapper mapper) {
    this.limits = limits;
    ObjectReader base =
        mapper
            .reader()
            .withAttribute(TensorLimits.class, limits)
            .without(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    this.requestReader = base.forType(InferenceRequest.class);
    this.responseReader = base.forType(InferenceResponse.class);
  }

  /** Decodes a request body held in memory; see the class comment for {@code headerLength}. */
  public InferenceRequest decodeRequest(byte[] body, Integer headerLength) {
    int jsonLength = jsonLength("request", body.length, headerLength);
    InferenceRequest header = parse(requestReader, "request", body, jsonLength);
    validate(header);
    BinaryTail rest = BinaryTail.of("request", body, jsonLength);
    InferenceRequest request = withBinaryInputs(header, rest, headerLength != null);
    rest.expectEnd();
    return request;
  }

  /**
   * Decodes a request body from a stream, reading the JSON directly from it (and then the binary
   * part, tensor by tensor). The caller bounds the stream's length and closes it.
   */
  public InferenceRequest decodeRequest(InputStream body, Integer headerLength) throws IOException {
    InferenceRequest header;
    if (headerLength == null) {
      header = parse(requestReader, "request", body);
    } else {
      header =
          parse(requestReader, "request", readHeader("request", body, headerLength), headerLength);
    }
    validate(header);
    BinaryTail rest = BinaryTail.of("request", body);
    InferenceRequest request = withBinaryInputs(header, rest, headerLength != null);
    if (headerLength != null) {
      rest.expectEnd(); // without it the JSON parser has already refused trailing content
    }
    return request;
  }

  /** Decodes a response body held in memory; see the class comment for {@code headerLength}. */
  public InferenceResponse decodeResponse(byte[] body, Integer headerLength) {
    int jsonLength = jsonLength("response", body.length, headerLength);
    InferenceResponse header = parse(responseReader, "response", body, jsonLength);
    validate(header);
    BinaryTail rest = BinaryTail.of("response", body, jsonLength);
    InferenceResponse response = withBinaryOutputs(header, rest, headerLength != null);
    rest.expectEnd();
    return response;
  }

  /** Decodes a response body from a stream; see {@link #decodeRequest(InputStream, Integer)}. */
  public InferenceResponse decodeResponse(InputStream body, Integer headerLength)
      throws IOException {
    InferenceResponse header;
    if (headerLength == null) {
      header = parse(responseReader, "response", body);
    } else {
      header =
          parse(
              responseReader, "response", readHeader("response", body, headerLength), headerLength);
    }
    validate(header);
    BinaryTail rest = BinaryTail.of("response", body);
    InferenceResponse response = withBinaryOutputs(header, rest, headerLength != null);
    if (headerLength != null) {
      rest.expectEnd(); // without it the JSON parser has already refused trailing content
    }
    return response;
  }

  private static void validate(InferenceRequest request) {
    if (request.inputs() == null) {
      throw TensorFormatException.ofMessage("request", "missing field 'inputs'", null);
    }
    if (request.inputs().isEmpty()) {
      throw TensorFormatException.ofMessage("request", "'inputs' is empty", null);
    }
    for (int i = 0; i < request.inputs().size(); i++) {
      if (request.inputs().get(i) == null) {
        throw TensorFormatException.atIndex(
            TensorRole.INPUT, i, "is null; each input must be a JSON object");
      }
    }
    if (request.outputs() != null) {
      for (int i = 0; i < request.outputs().size(); i++) {
        RequestOutput out = request.outputs().get(i);
        if (out == null || out.name() == null) {
          throw TensorFormatException.atIndex(TensorRole.OUTPUT, i, "missing field 'name'");
        }
      }
    }
  }

  private static void validate(InferenceResponse response) {
    if (response.modelName() == null) {
      throw TensorFormatException.ofMessage("response", "missing field 'model_name'", null);
    }
    if (response.outputs() == null) {
      throw TensorFormatException.ofMessage("response", "missing field 'outputs'", null);
    }
    for (int i = 0; i < response.outputs().size(); i++) {
      if (response.outputs().get(i) == null) {
        throw TensorFormatException.atIndex(
            TensorRole.OUTPUT, i, "is null; each output must be a JSON object");
      }
    }
  }

  private InferenceRequest withBinaryInputs(
      InferenceRequest header, BinaryTail rest, boolean hasHeaderLength) {
    List<RequestInput> inputs = new ArrayList<>(header.inputs().size());
    for (RequestInput in : header.inputs()) {
      if (in.data() != null) {
        inputs.add(in);
        continue;
      }
      Object data = readBinary(TensorRole.INPUT, in, rest, hasHeaderLength);
      inputs.add(
          new RequestInput(
              in.name(), in.shape(), in.datatype(), withoutSize(in.parameters()), data));
    }
    return new InferenceRequest(header.id(), header.parameters(), inputs, header.outputs());
  }

  private InferenceResponse withBinaryOutputs(
      InferenceResponse header, BinaryTail rest, boolean hasHeaderLength) {
    List<ResponseOutput> outputs = new ArrayList<>(header.outputs().size());
    for (ResponseOutput out : header.outputs()) {
      if (out.data() != null) {
        outputs.add(out);
        continue;
      }
      Object data = readBinary(TensorRole.OUTPUT, out, rest, hasHeaderLength);
      outputs.add(
          new ResponseOutput(
              out.name(), out.shape(), out.datatype(), withoutSize(out.parameters()), data));
    }
    return new InferenceResponse(
        header.modelName(), header.modelVersion(), header.id(), header.parameters(), outputs);
  }

  private Object readBinary(
      TensorRole role, JsonTensor tensor, BinaryTail rest, boolean hasHeaderLength) {
    String name = tensor.name();
    if (!hasHeaderLength) {
      throw new TensorFormatException(
          role,
          name,
          "binary_data_size needs the "
              + EncodedBody.HEADER_CONTENT_LENGTH
              + " header to find the binary data");
    }
    Object sizeValue = tensor.parameters().get(JsonTensor.BINARY_DATA_SIZE);
    if (!(sizeValue instanceof Integer || sizeValue instanceof Long)
        || ((Number) sizeValue).longValue() < 0) {
      throw new TensorFormatException(
          role, name, "binary_data_size must be a non-negative integer, got " + sizeValue);
    }
    long size = ((Number) sizeValue).longValue();
    int count = limits.checkedElementCount(role, name, tensor.shape());
    DataType type = tensor.datatype();
    if (type != DataType.BYTES && size != (long) count * type.byteSize()) {
      throw new TensorFormatException(
          role,
          name,
          "binary_data_size is "
              + size
              + ", expected "
              + (long) count * type.byteSize()
              + " bytes for "
              + count
              + " "
              + type
              + " values");
    }
    if (size > TensorLimits.ARRAY_LIMIT) {
      throw new TensorFormatException(role, name, "binary_data_size " + size + " is too large");
    }
    ByteBuffer raw = rest.next(role, name, (int) size);
    return RawTensorCodec.decode(role, name, type, tensor.shape(), raw, limits).data();
  }

  private static Map<String, Object> withoutSize(Map<String, Object> parameters) {
    Map<String, Object> out = new LinkedHashMap<>(parameters);
    out.remove(JsonTensor.BINARY_DATA_SIZE);
    return out.isEmpty() ? null : out;
  }

  private static int jsonLength(String what, int bodyLength, Integer headerLength) {
    if (headerLength == null) {
      return bodyLength;
    }
    if (headerLength < 0 || headerLength > bodyLength) {
      throw TensorFormatException.ofMessage(
          what,
          EncodedBody.HEADER_CONTENT_LENGTH
              + " is "
              + headerLength
              + " but the body has "
              + bodyLength
              + " bytes",
          null);
    }
    return headerLength;
  }

  private static byte[] readHeader(String what, InputStream in, int headerLength)
      throws IOException {
    if (headerLength < 0) {
      throw TensorFormatException.ofMessage(
          what, EncodedBody.HEADER_CONTENT_LENGTH + " is " + headerLength, null);
    }
    byte[] header = in.readNBytes(headerLength);
    if (header.length < headerLength) {
      throw TensorFormatException.ofMessage(
          what,
          EncodedBody.HEADER_CONTENT_LENGTH
              + " is "
              + headerLength
              + " but the body has "
              + header.length
              + " bytes",
          null);
    }
    return header;
  }

  private static <T> T parse(ObjectReader reader, String what, byte[] json, int length) {
    if (length == 0) {
      throw TensorFormatException.ofMessage(what, "the body is empty", null);
    }
    try {
      T value = reader.readValue(json, 0, length);
      if (value == null) {
        throw TensorFormatException.ofMessage(what, "the body is not a JSON object", null);
      }
      return value;
    } catch (IOException e) {
      throw translate(what, e);
    }
  }

  private static <T> T parse(ObjectReader reader, String what, InputStream json)
      throws IOException {
    try {
      T value = reader.readValue(json);
      if (value == null) {
        throw TensorFormatException.ofMessage(what, "the body is not a JSON object", null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw translate(what, e);
    }
  }

  private static TensorFormatException translate(String what, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TensorFormatException tfe) {
        return tfe;
      }
      if (t instanceof JsonParseException jpe) {
        return TensorFormatException.ofMessage(
            what, "malformed JSON: " + jpe.getOriginalMessage(), e);
      }
    }
    if (e instanceof JsonMappingException jme) {
      String message = jme.getOriginalMessage();
      if (message != null && message.startsWith("No content to map")) {
        return TensorFormatException.ofMessage(what, "the body is empty", e);
      }
      String path = jme.getPath().isEmpty() ? "" : " at '" + path(jme) + "'";
      return TensorFormatException.ofMessage(
          what,
          "invalid value"
              + path
              + ": "
              + (message == null ? "" : message.lines().findFirst().orElse("")),
          e);
    }
    return TensorFormatException.ofMessage(what, "unreadable body: " + e.getMessage(), e);
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
