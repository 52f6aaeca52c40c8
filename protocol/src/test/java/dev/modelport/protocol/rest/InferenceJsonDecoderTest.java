package dev.modelport.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class InferenceJsonDecoderTest {

  private final InferenceJsonDecoder decoder = new InferenceJsonDecoder(TensorLimits.DEFAULT);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String json) {
    return assertThatThrownBy(() -> decoder.decodeRequest(utf8(json), null))
        .isInstanceOf(TensorFormatException.class);
  }

  @Test
  void decodesARequestWithIdParametersInputsAndOutputs() {
    String json =
        """
        {"id": "42", "parameters": {"priority": 1},
         "inputs": [
           {"name": "x", "shape": [2, 2], "datatype": "FP32", "data": [[1.5, 2], [3, 4]]},
           {"name": "c", "shape": [2], "datatype": "INT64", "parameters": {"p": "v"}, "data": [7, 8]},
           {"name": "s", "shape": [1], "datatype": "BYTES", "data": ["hi"]}],
         "outputs": [{"name": "y", "parameters": {"binary_data": true}}],
         "unknown": {"ignored": [1, 2]}}
        """;
    InferenceRequest request = decoder.decodeRequest(utf8(json), null);
    assertThat(request.id()).isEqualTo("42");
    assertThat(request.parameters()).containsEntry("priority", 1);
    assertThat(request.inputTensors())
        .containsExactly(
            new Tensor("x", DataType.FP32, new long[] {2, 2}, new float[] {1.5f, 2, 3, 4}),
            new Tensor("c", DataType.INT64, new long[] {2}, new long[] {7, 8}),
            new Tensor("s", DataType.BYTES, new long[] {1}, new byte[][] {utf8("hi")}));
    assertThat(request.inputs().get(1).parameters()).containsEntry("p", "v");
    assertThat(request.outputs())
        .containsExactly(new RequestOutput("y", Map.of("binary_data", true)));
  }

  @Test
  void dataBeforeShapeAndDatatypeIsStillDecoded() {
    String json =
        "{\"inputs\": [{\"data\": [1, 2, 3], \"name\": \"x\", \"datatype\": \"UINT8\", \"shape\": [3]}]}";
    assertThat(decoder.decodeRequest(utf8(json), null).inputTensors())
        .containsExactly(new Tensor("x", DataType.UINT8, new long[] {3}, new byte[] {1, 2, 3}));
  }

  @Test
  void aStreamedBodyDecodesLikeAnArray() throws IOException {
    String json =
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [2], \"datatype\": \"BOOL\", \"data\": [true, false]}]}";
    InferenceRequest request = decoder.decodeRequest(new ByteArrayInputStream(utf8(json)), null);
    assertThat(request.inputTensors())
        .containsExactly(
            new Tensor("x", DataType.BOOL, new long[] {2}, new boolean[] {true, false}));
  }

  @Test
  void binaryInputsAreReadFromAfterTheJsonHeader() throws IOException {
    String header =
        "{\"inputs\": ["
            + "{\"name\": \"a\", \"shape\": [2], \"datatype\": \"FP32\", \"parameters\": {\"binary_data_size\": 8}},"
            + "{\"name\": \"b\", \"shape\": [1], \"datatype\": \"INT32\", \"data\": [5]},"
            + "{\"name\": \"c\", \"shape\": [1], \"datatype\": \"BYTES\", \"parameters\": {\"binary_data_size\": 6}}]}";
    ByteBuffer binary = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
    binary.putFloat(1.5f).putFloat(-2f).putInt(2).put((byte) 'o').put((byte) 'k');
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(utf8(header));
    body.write(binary.array());
    int headerLength = utf8(header).length;

    for (InferenceRequest request :
        new InferenceRequest[] {
          decoder.decodeRequest(body.toByteArray(), headerLength),
          decoder.decodeRequest(new ByteArrayInputStream(body.toByteArray()), headerLength)
        }) {
      assertThat(request.inputTensors())
          .containsExactly(
              new Tensor("a", DataType.FP32, new long[] {2}, new float[] {1.5f, -2f}),
              new Tensor("b", DataType.INT32, new long[] {1}, new int[] {5}),
              new Tensor("c", DataType.BYTES, new long[] {1}, new byte[][] {utf8("ok")}));
      assertThat(request.inputs().get(0).parameters()).isNull();
    }
  }

  @Test
  void binaryDataWithoutTheHeaderLengthIsRefused() {
    assertRefused(
            "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", "
                + "\"parameters\": {\"binary_data_size\": 4}}]}")
        .hasMessage(
            "input 'a': binary_data_size needs the Inference-Header-Content-Length header "
                + "to find the binary data");
  }

  @Test
  void binaryDataSizeThatDisagreesWithTheShapeIsRefused() {
    String header =
        "{\"inputs\": [{\"name\": \"a\", \"shape\": [2], \"datatype\": \"FP32\", "
            + "\"parameters\": {\"binary_data_size\": 4}}]}";
    byte[] body = ByteBuffer.allocate(header.length() + 4).put(utf8(header)).array();
    assertThatThrownBy(() -> decoder.decodeRequest(body, header.length()))
        .hasMessage("input 'a': binary_data_size is 4, expected 8 bytes for 2 FP32 values");
  }

  @Test
  void binaryDataPastTheEndOfTheBodyIsRefused() {
    String header =
        "{\"inputs\": [{\"name\": \"a\", \"shape\": [2], \"datatype\": \"FP32\", "
            + "\"parameters\": {\"binary_data_size\": 8}}]}";
    byte[] body = ByteBuffer.allocate(header.length() + 5).put(utf8(header)).array();
    assertThatThrownBy(() -> decoder.decodeRequest(body, header.length()))
        .hasMessage("input 'a': binary_data_size 8 goes past the end of the body (5 bytes left)");
  }

  @Test
  void bytesThatNoTensorClaimsAreRefused() {
    String header =
        "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}";
    byte[] body = ByteBuffer.allocate(header.length() + 3).put(utf8(header)).array();
    assertThatThrownBy(() -> decoder.decodeRequest(body, header.length()))
        .hasMessage(
            "request: 3 bytes after the JSON and binary data that no tensor's binary_data_size claims");
  }

  @Test
  void aHeaderLengthLongerThanTheBodyIsRefused() {
    assertThatThrownBy(() -> decoder.decodeRequest(utf8("{}"), 10))
        .hasMessage("request: Inference-Header-Content-Length is 10 but the body has 2 bytes");
  }

  @Test
  void missingInputsAreRefused() {
    assertRefused("{\"id\": \"1\"}").hasMessage("request: missing field 'inputs'");
    assertRefused("{\"inputs\": []}").hasMessage("request: 'inputs' is empty");
  }

  @Test
  void missingTensorFieldsAreRefusedNamingTheTensor() {
    assertRefused("{\"inputs\": [{\"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}")
        .hasMessage("input at index 0: missing field 'name'");
    assertRefused("{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"data\": [1]}]}")
        .hasMessage("input 'x': missing field 'datatype'");
    assertRefused("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"data\": [1]}]}")
        .hasMessage("input 'x': missing field 'shape'");
    assertRefused(
            "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]},"
                + " {\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\"}]}")
        .hasMessage("input 'x': missing field 'data'");
    assertRefused(
            "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]},"
                + " {\"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}")
        .hasMessage("input at index 1: missing field 'name'");
  }

  @Test
  void anUnknownDatatypeIsRefusedNamingTheTensor() {
    assertRefused(
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP8\", \"data\": [1]}]}")
        .hasMessage(
            "input 'x': unknown datatype 'FP8'; expected one of BOOL, UINT8, UINT16, UINT32, "
                + "UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES");
  }

  @Test
  void aMalformedShapeIsRefused() {
    assertRefused(
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, \"2\"], \"datatype\": \"FP32\", \"data\": [1]}]}")
        .hasMessage(
            "input 'x': 'shape' must be an array of integers, got string \"2\" at shape[1]");
    assertRefused(
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [2, -3], \"datatype\": \"FP32\", \"data\": [1]}]}")
        .hasMessage("input 'x': shape [2,-3] has a negative dimension");
  }

  @Test
  void nanInDataNamesTheTensorThroughTheWholeRequestPath() {
    assertRefused(
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [2], \"datatype\": \"FP32\", \"data\": [1, NaN]}]}")
        .hasMessage(
            "input 'x': data[1]: NaN is not a valid JSON number; JSON has no NaN or Infinity");
  }

  @Test
  void theElementLimitAppliesToRequests() {
    InferenceJsonDecoder small = new InferenceJsonDecoder(new TensorLimits(3));
    String json =
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}]}";
    assertThatThrownBy(() -> small.decodeRequest(utf8(json), null))
        .hasMessage("input 'x': shape [4] has 4 elements, more than the limit of 3");
  }

  @Test
  void malformedAndEmptyBodiesAreRefused() {
    assertRefused("{\"inputs\": [")
        .hasMessageStartingWith("request: malformed JSON: Unexpected end-of-input");
    assertRefused("").hasMessage("request: the body is empty");
    assertRefused("{\"inputs\": 5}").hasMessageStartingWith("request: invalid value at 'inputs': ");
    assertRefused(
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]} x")
        .hasMessageStartingWith("request: ");
  }

  @Test
  void aTensorWithBothDataAndBinarySizeIsRefused() {
    assertRefused(
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", "
                + "\"parameters\": {\"binary_data_size\": 4}, \"data\": [1]}]}")
        .hasMessage("input 'x': has both 'data' and the binary_data_size parameter; use one");
  }

  @Test
  void responsesNeedAModelNameAndOutputs() {
    assertThatThrownBy(() -> decoder.decodeResponse(utf8("{\"outputs\": []}"), null))
        .hasMessage("response: missing field 'model_name'");
    assertThatThrownBy(() -> decoder.decodeResponse(utf8("{\"model_name\": \"m\"}"), null))
        .hasMessage("response: missing field 'outputs'");
    assertThatThrownBy(
            () ->
                decoder.decodeResponse(
                    utf8(
                        "{\"model_name\": \"m\", \"outputs\": ["
                            + "{\"name\": \"y\", \"shape\": [1], \"datatype\": \"INT8\", \"data\": [300]}]}"),
                    null))
        .hasMessage("output 'y': data[0]: 300 is out of range for INT8 [-128, 127]");
  }

  @Test
  void aNullBodyIsRefusedAsNotAJsonObject() {
    assertThatThrownBy(() -> decoder.decodeRequest(utf8("null"), null))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage("request: the body is not a JSON object");
    assertThatThrownBy(() -> decoder.decodeRequest(new ByteArrayInputStream(utf8("null")), null))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage("request: the body is not a JSON object");
  }

  @Test
  void aNullInputIsRefusedNamingItsIndex() {
    assertThatThrownBy(() -> decoder.decodeRequest(utf8("{\"inputs\": [null]}"), null))
        .isInstanceOf(TensorFormatException.class)
        .hasMessageContaining("at index 0")
        .hasMessageContaining("is null");
  }
}
