package dev.modelport.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceJsonEncoderTest {

  private static final ObjectMapper MAPPER = InferenceJson.newMapper();

  private final Tensor probabilities =
      new Tensor(
          "probabilities", DataType.FP32, new long[] {1, 3}, new float[] {0.25f, 0.5f, 0.25f});
  private final Tensor label =
      new Tensor("label", DataType.UINT64, new long[] {1}, new long[] {-1L});
  private final InferenceResponse response =
      new InferenceResponse(
          "iris",
          "3",
          "req-1",
          null,
          List.of(ResponseOutput.of(probabilities), ResponseOutput.of(label)));

  @Test
  void aPlainResponseIsTheV2JsonWithFlatData() throws IOException {
    EncodedBody body = InferenceJsonEncoder.encodeResponse(response);
    assertThat(body.hasBinaryData()).isFalse();
    JsonNode json = MAPPER.readTree(body.bytes());
    assertThat(json.get("model_name").asText()).isEqualTo("iris");
    assertThat(json.get("model_version").asText()).isEqualTo("3");
    assertThat(json.has("parameters")).isFalse();
    assertThat(json.get("outputs").get(0).toString())
        .isEqualTo(
            "{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[1,3],\"data\":[0.25,0.5,0.25]}");
    assertThat(json.get("outputs").get(1).get("data").get(0).asText())
        .isEqualTo("18446744073709551615");
  }

  @Test
  void binaryOutputsFollowTheHeaderAndDecodeBack() {
    EncodedBody body = InferenceJsonEncoder.encodeResponse(response, "probabilities"::equals);
    assertThat(body.hasBinaryData()).isTrue();
    assertThat(body.bytes().length - body.headerLength()).isEqualTo(12);
    String header = new String(body.bytes(), 0, body.headerLength(), StandardCharsets.UTF_8);
    assertThat(header).contains("\"parameters\":{\"binary_data_size\":12}").doesNotContain("0.25");

    InferenceResponse back =
        new InferenceJsonDecoder(TensorLimits.DEFAULT)
            .decodeResponse(body.bytes(), body.headerLength());
    assertThat(back.outputTensors()).containsExactly(probabilities, label);
    assertThat(back.modelName()).isEqualTo("iris");
    assertThat(back.id()).isEqualTo("req-1");
  }

  @Test
  void binaryRequestsRoundTripThroughTheDecoder() {
    Tensor text =
        new Tensor(
            "text",
            DataType.BYTES,
            new long[] {2},
            new byte[][] {"a".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, 0}});
    InferenceRequest request =
        new InferenceRequest(
            "7",
            Map.of("k", "v"),
            List.of(RequestInput.of(text), RequestInput.of(probabilities)),
            null);
    EncodedBody body = InferenceJsonEncoder.encodeRequest(request, "text"::equals);
    InferenceRequest back =
        new InferenceJsonDecoder(TensorLimits.DEFAULT)
            .decodeRequest(body.bytes(), body.headerLength());
    assertThat(back.inputTensors()).containsExactly(text, probabilities);
    assertThat(back.parameters()).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void theRequestChoosesBinaryOutputsPerOutputOrForAll() {
    InferenceRequest perOutput =
        new InferenceRequest(
            null,
            null,
            List.of(),
            List.of(
                new RequestOutput("a", Map.of("binary_data", true)), new RequestOutput("b", null)));
    assertThat(
            Arrays.asList("a", "b", "c").stream()
                .filter(InferenceJsonEncoder.binaryOutputsRequestedBy(perOutput)))
        .containsExactly("a");
    InferenceRequest all =
        new InferenceRequest(null, Map.of("binary_data_output", true), List.of(), null);
    assertThat(InferenceJsonEncoder.binaryOutputsRequestedBy(all).test("anything")).isTrue();
    InferenceRequest none = new InferenceRequest(null, null, List.of(), null);
    assertThat(InferenceJsonEncoder.binaryOutputsRequestedBy(none).test("a")).isFalse();
  }

  @Test
  void anyJacksonMapperReadsAndWritesTheTensorRecords() throws IOException {
    InferenceRequest request =
        new InferenceRequest(null, null, List.of(RequestInput.of(label)), null);
    String json = new ObjectMapper().writeValueAsString(request);
    assertThat(json)
        .isEqualTo(
            "{\"inputs\":[{\"name\":\"label\",\"datatype\":\"UINT64\",\"shape\":[1],\"data\":[18446744073709551615]}]}");
    InferenceRequest back = new ObjectMapper().readValue(json, InferenceRequest.class);
    assertThat(back.inputTensors()).containsExactly(label);
  }

  @Test
  void metadataTypesUseTheProtocolFieldNames() throws IOException {
    assertThat(MAPPER.writeValueAsString(new ErrorResponse("model 'x' not found")))
        .isEqualTo("{\"error\":\"model 'x' not found\"}");
    assertThat(
            MAPPER.writeValueAsString(
                new ModelMetadataResponse(
                    "iris",
                    List.of("1"),
                    "onnxruntime_onnx",
                    List.of(
                        new ModelMetadataResponse.TensorMetadata("x", "FP32", new long[] {-1, 4})),
                    null)))
        .isEqualTo(
            "{\"name\":\"iris\",\"versions\":[\"1\"],\"platform\":\"onnxruntime_onnx\","
                + "\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,4]}]}");
    assertThat(MAPPER.writeValueAsString(new RepositoryIndexEntry("iris", "1", "READY", null)))
        .isEqualTo("{\"name\":\"iris\",\"version\":\"1\",\"state\":\"READY\"}");
    assertThat(
            MAPPER
                .readValue(
                    "{\"name\":\"s\",\"version\":\"0.1\",\"extensions\":[\"binary_tensor_data\"]}",
                    ServerMetadataResponse.class)
                .extensions())
        .containsExactly("binary_tensor_data");
  }
}
