package dev.modelport.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import dev.modelport.protocol.grpc.DataType;
import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelport.protocol.grpc.ModelConfig;
import dev.modelport.protocol.grpc.ModelConfigRequest;
import dev.modelport.protocol.grpc.ModelReadyRequest;
import dev.modelport.protocol.grpc.ModelRepositoryParameter;
import dev.modelport.protocol.grpc.RepositoryIndexRequest;
import dev.modelport.protocol.grpc.RepositoryIndexResponse;
import dev.modelport.protocol.grpc.RepositoryIndexResponse.ModelIndex;
import dev.modelport.protocol.grpc.RepositoryModelLoadRequest;
import dev.modelport.protocol.grpc.RepositoryModelUnloadRequest;
import dev.modelport.protocol.grpc.ServerMetadataRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Triton's repository rpcs and model configuration extension over gRPC (the protocol module's
 * messages, which carry Triton's field numbers) and REST. No admin key is configured here;
 * api.grpc.AdminKeyOverGrpcTest covers the key.
 */
@QuarkusTest
class TritonRepositoryAndConfigTest {

  private static GRPCInferenceServiceBlockingStub grpc() {
    return GrpcClient.stub();
  }

  @Test
  void grpcRepositoryIndexListsEveryServedVersionWithItsState() {
    RepositoryIndexResponse index =
        grpc().repositoryIndex(RepositoryIndexRequest.getDefaultInstance());
    assertThat(index.getModelsList())
        .filteredOn(m -> m.getName().equals("diabetes-regressor"))
        .extracting(ModelIndex::getVersion, ModelIndex::getState)
        .contains(
            org.assertj.core.groups.Tuple.tuple("1", "READY"),
            org.assertj.core.groups.Tuple.tuple("2", "READY"));
    assertThat(index.getModelsList())
        .filteredOn(m -> m.getName().equals("mobilenet-v3-small"))
        .isNotEmpty() // never loaded: one entry; unloaded by another test: one per version
        .allSatisfy(
            m -> {
              assertThat(m.getState()).isEqualTo("UNAVAILABLE");
              assertThat(m.getReason()).isIn("not loaded", "unloaded");
            });
  }

  @Test
  void grpcRepositoryIndexOfReadyModelsLeavesOutTheUnloadedOnes() {
    RepositoryIndexResponse index =
        grpc().repositoryIndex(RepositoryIndexRequest.newBuilder().setReady(true).build());
    assertThat(index.getModelsList()).isNotEmpty().allMatch(m -> m.getState().equals("READY"));
    assertThat(index.getModelsList()).noneMatch(m -> m.getName().equals("mobilenet-v3-small"));
  }

  @Test
  void grpcUnloadThenLoadTakesAModelOutOfServiceAndBack() {
    String model = "digits-static-batch";
    grpc()
        .repositoryModelUnload(
            RepositoryModelUnloadRequest.newBuilder().setModelName(model).build());
    assertThat(ready(model)).isFalse();
    grpc().repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName(model).build());
    assertThat(ready(model)).isTrue();
  }

  @Test
  void grpcLoadOfAModelTheRepositoryDoesNotHoldIsNotFound() {
    assertThatThrownBy(
            () ->
                grpc()
                    .repositoryModelLoad(
                        RepositoryModelLoadRequest.newBuilder()
                            .setModelName("no-such-model")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void aConfigOverrideIsRefusedOverGrpcAndRest() {
    RepositoryModelLoadRequest withConfig =
        RepositoryModelLoadRequest.newBuilder()
            .setModelName("diabetes-regressor")
            .putParameters(
                "config",
                ModelRepositoryParameter.newBuilder()
                    .setStringParam("{\"max_batch_size\":8}")
                    .build())
            .build();
    assertThatThrownBy(() -> grpc().repositoryModelLoad(withConfig))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .contains("config overrides are not supported; change model.yaml");
            });

    given()
        .contentType("application/json")
        .body("{\"parameters\":{\"config\":\"{\\\"max_batch_size\\\":8}\"}}")
        .post("/v2/repository/models/diabetes-regressor/load")
        .then()
        .statusCode(400)
        .body("error", containsString("config overrides are not supported; change model.yaml"));
  }

  @Test
  void aConfigOverrideWithoutAContentTypeIsRefusedAsTritonclientSendsIt() throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:"
                                + io.restassured.RestAssured.port
                                + "/v2/repository/models/diabetes-regressor/load"))
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"parameters\":{\"config\":\"{}\"}}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("config overrides are not supported");
  }

  @Test
  void aLoadBodyThatIsNotAParametersObjectIs400NamingTheBody() {
    given()
        .contentType("application/json")
        .body("{\"parameters\": 5}")
        .post("/v2/repository/models/diabetes-regressor/load")
        .then()
        .statusCode(400)
        .body("error", containsString("load body"));
  }

  @Test
  void restLoadWithOtherParametersStillLoads() {
    given()
        .contentType("application/json")
        .body("{\"parameters\":{\"unload_dependents\":false}}")
        .post("/v2/repository/models/diabetes-regressor/load")
        .then()
        .statusCode(200);
  }

  @Test
  void restConfigOfABatchingModelIsTritonsShapeWithoutTheBatchDimension() {
    given()
        .get("/v2/models/diabetes-regressor/config")
        .then()
        .statusCode(200)
        .body("name", equalTo("diabetes-regressor"))
        .body("platform", equalTo("onnxruntime_onnx"))
        .body("backend", equalTo("onnxruntime"))
        .body("max_batch_size", equalTo(64))
        .body("input[0].name", equalTo("input"))
        .body("input[0].data_type", equalTo("TYPE_FP32"))
        .body("input[0].dims", equalTo(java.util.List.of(10)))
        .body("output[0].name", equalTo("prediction"))
        .body("output[0].dims", equalTo(java.util.List.of(1)))
        .body("dynamic_batching.max_queue_delay_microseconds", equalTo(0))
        .body("dynamic_batching.preferred_batch_size", equalTo(java.util.List.of()));
    given()
        .get("/v2/models/diabetes-regressor/versions/2/config")
        .then()
        .statusCode(200)
        .body("platform", equalTo("pytorch_libtorch"))
        .body("backend", equalTo("pytorch"));
  }

  @Test
  void restConfigOfAModelThatNeverJoinsRequestsHasMaxBatchSizeZeroAndFullDims() {
    given()
        .get("/v2/models/digits-static-batch/config")
        .then()
        .statusCode(200)
        .body("max_batch_size", equalTo(0))
        .body("input[0].dims", equalTo(java.util.List.of(1, 1, 8, 8)))
        .body("dynamic_batching", nullValue());
  }

  @Test
  void restConfigOfAnUnknownModelOrVersionIs404() {
    given()
        .get("/v2/models/no-such-model/config")
        .then()
        .statusCode(404)
        .body("error", containsString("no-such-model"));
    given().get("/v2/models/diabetes-regressor/versions/99/config").then().statusCode(404);
  }

  @Test
  void grpcModelConfigCarriesTritonsEnumTypesAndDims() {
    ModelConfig config =
        grpc()
            .modelConfig(ModelConfigRequest.newBuilder().setName("diabetes-regressor").build())
            .getConfig();
    assertThat(config.getName()).isEqualTo("diabetes-regressor");
    assertThat(config.getPlatform()).isEqualTo("onnxruntime_onnx");
    assertThat(config.getBackend()).isEqualTo("onnxruntime");
    assertThat(config.getMaxBatchSize()).isEqualTo(64);
    assertThat(config.getInput(0).getDataType()).isEqualTo(DataType.TYPE_FP32);
    assertThat(config.getInput(0).getDimsList()).containsExactly(10L);
    assertThat(config.getOutput(0).getName()).isEqualTo("prediction");
    assertThat(config.getOutput(0).getDimsList()).containsExactly(1L);
    assertThat(config.hasDynamicBatching()).isTrue();

    ModelConfig fixed =
        grpc()
            .modelConfig(
                ModelConfigRequest.newBuilder()
                    .setName("digits-static-batch")
                    .setVersion("1")
                    .build())
            .getConfig();
    assertThat(fixed.getMaxBatchSize()).isZero();
    assertThat(fixed.getInput(0).getDimsList()).containsExactly(1L, 1L, 8L, 8L);
    assertThat(fixed.hasDynamicBatching()).isFalse();
  }

  @Test
  void grpcModelConfigOfAnUnknownModelIsNotFound() {
    assertThatThrownBy(
            () ->
                grpc()
                    .modelConfig(ModelConfigRequest.newBuilder().setName("no-such-model").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void bothEdgesListTheModelConfigurationExtension() {
    assertThat(
            grpc().serverMetadata(ServerMetadataRequest.getDefaultInstance()).getExtensionsList())
        .contains("model_repository", "model_configuration");
    given().get("/v2").then().statusCode(200).body("extensions", hasItems("model_configuration"));
  }

  private static boolean ready(String model) {
    return grpc().modelReady(ModelReadyRequest.newBuilder().setName(model).build()).getReady();
  }
}
