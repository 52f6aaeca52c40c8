package dev.modelport.serving.api;

import static dev.modelport.serving.Fixtures.assertRowsMatch;
import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.serving.Fixtures.int64;
import static dev.modelport.testsupport.ExampleModels.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.InferParameter;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.grpc.ModelMetadataRequest;
import dev.modelport.protocol.grpc.ModelMetadataResponse;
import dev.modelport.protocol.grpc.ModelReadyRequest;
import dev.modelport.protocol.grpc.ServerLiveRequest;
import dev.modelport.protocol.grpc.ServerReadyRequest;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.serving.Fixtures;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class GrpcInferenceTest {

  private static ModelInferRequest request(
      String model, String version, List<Tensor> inputs, boolean raw) {
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(model).setId("g-1");
    if (version != null) {
      b.setModelVersion(version);
    }
    return GrpcTensorMapper.addInputs(b, inputs, raw).build();
  }

  private static float[] firstOutput(ModelInferResponse response) {
    return (float[]) GrpcTensorMapper.outputs(response, TensorLimits.DEFAULT).get(0).values();
  }

  @Test
  void serverHealthAndModelReadinessAnswer() {
    assertThat(GrpcClient.stub().serverLive(ServerLiveRequest.getDefaultInstance()).getLive())
        .isTrue();
    assertThat(GrpcClient.stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady())
        .isTrue();
    assertThat(
            GrpcClient.stub()
                .modelReady(
                    ModelReadyRequest.newBuilder()
                        .setName("credit-risk-mixed")
                        .setVersion("2")
                        .build())
                .getReady())
        .isTrue();
  }

  @Test
  void modelMetadataGivesTheSignatureAndPlatform() {
    ModelMetadataResponse m =
        GrpcClient.stub()
            .modelMetadata(ModelMetadataRequest.newBuilder().setName("credit-risk-mixed").build());
    ModelSignature declared = ExampleModels.signature(ExampleModels.CREDIT_RISK);
    assertThat(m.getPlatform()).isEqualTo("onnxruntime_onnx");
    assertThat(m.getVersionsList()).containsExactly("1", "2");
    assertThat(m.getInputsList())
        .extracting(t -> Fixtures.tensor(t.getName(), t.getDatatype(), t.getShapeList()))
        .containsExactlyElementsOf(Fixtures.described(declared.inputs()))
        .hasSize(2);
    assertThat(m.getOutputsList())
        .extracting(t -> Fixtures.tensor(t.getName(), t.getDatatype(), t.getShapeList()))
        .containsExactlyElementsOf(Fixtures.described(declared.outputs()));
  }

  @Test
  void aVersionThatIsNotAPositiveIntegerIsNotFound() {
    for (String version : List.of("latest", "0", "-1")) {
      assertThatThrownBy(
              () ->
                  GrpcClient.stub()
                      .modelInfer(
                          request(
                              "diabetes-regressor",
                              version,
                              List.of(
                                  new Tensor(
                                      "input", DataType.FP32, new long[] {1, 10}, new float[10])),
                              true)))
          .as(version)
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(e.getStatus().getDescription())
                    .contains("diabetes-regressor")
                    .contains("'" + version + "'");
              });
      assertThatThrownBy(
              () ->
                  GrpcClient.stub()
                      .modelMetadata(
                          ModelMetadataRequest.newBuilder()
                              .setName("diabetes-regressor")
                              .setVersion(version)
                              .build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }

  @ParameterizedTest(name = "version {0}, raw {1}")
  @CsvSource({"1,true", "1,false", "2,true", "2,false"})
  void creditRiskMixedReproducesItsReferenceWithRawAndTypedContents(String version, boolean raw) {
    CsvTable test = csv("credit-risk-mixed", "test.csv");
    ModelInferResponse response =
        GrpcClient.stub()
            .modelInfer(
                request(
                    "credit-risk-mixed",
                    version,
                    List.of(fp32("numeric", test, 0, 4), int64("categorical", test, 4, 6)),
                    raw));
    assertThat(response.getModelVersion()).isEqualTo(version);
    assertThat(response.getId()).isEqualTo("g-1");
    assertThat(response.getRawOutputContentsCount()).isEqualTo(raw ? 1 : 0);
    assertRowsMatch(
        firstOutput(response), csv("credit-risk-mixed", "expected_test_probabilities.csv"));
  }

  @Test
  void breastCancerMlpOverRawContentsReproducesItsReference() {
    CsvTable test = csv("breast-cancer-mlp", "test.csv");
    ModelInferResponse response =
        GrpcClient.stub()
            .modelInfer(
                request("breast-cancer-mlp", null, List.of(fp32("input", test, 0, 30)), true));
    assertRowsMatch(
        firstOutput(response), csv("breast-cancer-mlp", "expected_test_probabilities.csv"));
  }

  @Test
  void tritonClientParametersAreIgnored() {
    ModelInferRequest r =
        request(
                "diabetes-regressor",
                null,
                List.of(new Tensor("input", DataType.FP32, new long[] {1, 10}, new float[10])),
                true)
            .toBuilder()
            .putParameters("sequence_id", InferParameter.newBuilder().setInt64Param(0).build())
            .putParameters("priority", InferParameter.newBuilder().setInt64Param(0).build())
            .build();
    assertThat(GrpcClient.stub().modelInfer(r).getOutputs(0).getName()).isEqualTo("prediction");
  }

  @Test
  void anUnknownModelIsNotFound() {
    assertThatThrownBy(
            () ->
                GrpcClient.stub()
                    .modelInfer(
                        request(
                            "no-such-model",
                            null,
                            List.of(new Tensor("x", DataType.FP32, new long[] {1}, new float[1])),
                            true)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void aMismatchedShapeIsInvalidArgumentNamingTheTensor() {
    assertThatThrownBy(
            () ->
                GrpcClient.stub()
                    .modelInfer(
                        request(
                            "diabetes-regressor",
                            null,
                            List.of(
                                new Tensor(
                                    "input", DataType.FP32, new long[] {1, 9}, new float[9])),
                            false)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("'input'");
            });
  }

  @Test
  void rawContentsOfTheWrongLengthAreInvalidArgumentNamingTheTensor() {
    ModelInferRequest r =
        request(
                "diabetes-regressor",
                null,
                List.of(new Tensor("input", DataType.FP32, new long[] {1, 10}, new float[10])),
                true)
            .toBuilder()
            .setRawInputContents(0, com.google.protobuf.ByteString.copyFrom(new byte[39]))
            .build();
    assertThatThrownBy(() -> GrpcClient.stub().modelInfer(r))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("'input'");
            });
  }

  @Test
  void serverMetadataListsTheSameExtensionsAsRest() {
    java.util.List<String> rest =
        io.restassured.RestAssured.given()
            .get("/v2")
            .then()
            .extract()
            .jsonPath()
            .getList("extensions");
    assertThat(
            GrpcClient.stub()
                .serverMetadata(
                    dev.modelport.protocol.grpc.ServerMetadataRequest.getDefaultInstance())
                .getExtensionsList())
        .isNotEmpty()
        .containsExactlyElementsOf(rest);
  }
}
