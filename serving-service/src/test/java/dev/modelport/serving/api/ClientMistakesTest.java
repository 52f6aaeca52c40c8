package dev.modelport.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.InferParameter;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.rest.EncodedBody;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.RequestInput;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.metrics.ServingMetrics;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client mistakes that used to reach a 500 or differ between the edges: each is a 400 /
 * INVALID_ARGUMENT with the V2 error body, under the same rule on REST and gRPC, and counted in
 * {@code modelport_inference_requests_total}.
 */
@QuarkusTest
class ClientMistakesTest {

  private static final String MODEL = "breast-cancer-mlp";

  @Inject MeterRegistry registry;

  private double requestsCounted() {
    return registry.find(ServingMetrics.REQUESTS).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static Tensor row(float first) {
    float[] x = new float[30];
    x[0] = first;
    return new Tensor("input", DataType.FP32, new long[] {1, 30}, x);
  }

  private static void refusedOverRest(String body, String messagePart) {
    given()
        .contentType("application/json")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .when()
        .post(V2Client.path(MODEL, null))
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("error", containsString(messagePart));
  }

  @Test
  void aNullBodyAndANullInputAre400WithTheV2ErrorBody() {
    refusedOverRest("null", "not a JSON object");
    refusedOverRest("{\"inputs\": [null]}", "at index 0");
    refusedOverRest("{\"inputs\": [null], \"outputs\": [null]}", "at index 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"load", "unload"})
  void aModelNameWithANulCharacterIs400WithTheV2ErrorBody(String action) {
    given()
        .urlEncodingEnabled(false)
        .when()
        .post("/v2/repository/models/a%00b/" + action)
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("error", startsWith("model name 'a\\u0000b'"));
  }

  @Test
  void nanAndInfinityAreRefusedByBothEdgesAlike() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
      // REST, binary extension: the raw float bits reach the server as they are
      InferenceRequest request =
          new InferenceRequest(null, null, List.of(RequestInput.of(row(bad))), null);
      EncodedBody body = InferenceJsonEncoder.encodeRequest(request, name -> true);
      given()
          .contentType("application/octet-stream")
          .header(EncodedBody.HEADER_CONTENT_LENGTH, body.headerLength())
          .body(body.bytes())
          .when()
          .post(V2Client.path(MODEL, null))
          .then()
          .statusCode(400)
          .body("error", containsString("input 'input': element 0 is NaN or infinite"));
      // gRPC, raw contents and typed contents
      for (boolean raw : new boolean[] {true, false}) {
        ModelInferRequest grpc =
            GrpcTensorMapper.addInputs(
                    ModelInferRequest.newBuilder().setModelName(MODEL), List.of(row(bad)), raw)
                .build();
        assertThatThrownBy(() -> GrpcClient.stub().modelInfer(grpc))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                  assertThat(e.getStatus().getDescription())
                      .contains("input 'input': element 0 is NaN or infinite");
                });
      }
    }
  }

  @Test
  void aNegativeTimeoutIsRefusedByBothEdgesAlikeWithOrWithoutADeadline() {
    given()
        .contentType("application/json")
        .body(
            InferenceJsonEncoder.encodeRequest(
                    new InferenceRequest(
                        null, Map.of("timeout", -5), List.of(RequestInput.of(row(1f))), null),
                    name -> false)
                .bytes())
        .when()
        .post(V2Client.path(MODEL, null))
        .then()
        .statusCode(400)
        .body("error", containsString("parameter 'timeout' must be >= 0"));
    ModelInferRequest grpc =
        GrpcTensorMapper.addInputs(
                ModelInferRequest.newBuilder()
                    .setModelName(MODEL)
                    .putParameters(
                        "timeout", InferParameter.newBuilder().setInt64Param(-5).build()),
                List.of(row(1f)),
                true)
            .build();
    for (boolean deadline : new boolean[] {false, true}) {
      assertThatThrownBy(
              () ->
                  (deadline
                          ? GrpcClient.stub().withDeadlineAfter(10, TimeUnit.SECONDS)
                          : GrpcClient.stub())
                      .modelInfer(grpc))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription())
                    .contains("parameter 'timeout' must be >= 0");
              });
    }
  }

  @Test
  void requestsRefusedWhileDecodingAreCounted() {
    double before = requestsCounted();
    refusedOverRest("{not json", "malformed JSON");
    refusedOverRest("null", "not a JSON object");
    refusedOverRest("{\"inputs\": []}", "'inputs' is empty");
    refusedOverRest(
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 30], \"datatype\": \"FP99\", \"data\": []}]}",
        "FP99");
    refusedOverRest(
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1]}]}",
        "input");
    refusedOverRest(
        "{\"parameters\": {\"timeout\": \"soon\"}, \"inputs\": [{\"name\": \"input\", \"shape\":"
            + " [1, 1], \"datatype\": \"FP32\", \"data\": [1]}]}",
        "timeout");
    ModelInferRequest wrongSize =
        ModelInferRequest.newBuilder()
            .setModelName(MODEL)
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("input")
                    .setDatatype("FP32")
                    .addShape(1)
                    .addShape(30))
            .addRawInputContents(com.google.protobuf.ByteString.copyFrom(new byte[7]))
            .build();
    assertThatThrownBy(() -> GrpcClient.stub().modelInfer(wrongSize))
        .isInstanceOf(StatusRuntimeException.class);
    ModelInferRequest noData =
        ModelInferRequest.newBuilder()
            .setModelName(MODEL)
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("input")
                    .setDatatype("FP32")
                    .addShape(1)
                    .addShape(30))
            .build();
    assertThatThrownBy(() -> GrpcClient.stub().modelInfer(noData))
        .isInstanceOf(StatusRuntimeException.class);

    assertThat(requestsCounted() - before).isEqualTo(8);
  }
}
