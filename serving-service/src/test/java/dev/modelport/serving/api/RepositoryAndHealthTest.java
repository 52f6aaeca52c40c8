package dev.modelport.serving.api;

import static dev.modelport.serving.Fixtures.described;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.Fixtures;
import dev.modelport.testsupport.ExampleModels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RepositoryAndHealthTest {

  @Test
  void mobilenetLoadsThroughTheRepositoryReproducesItsLogitsInBothFormatsAndUnloads() {
    given().post("/v2/repository/models/mobilenet-v3-small/load").then().statusCode(200);
    given()
        .get("/v2/models/mobilenet-v3-small/ready")
        .then()
        .statusCode(200)
        .body("ready", equalTo(true));
    Tensor input = Fixtures.npy("mobilenet-v3-small", "input_2x3x224x224.npy", "input");
    Tensor expected = Fixtures.npy("mobilenet-v3-small", "expected_logits_2x1000.npy", "logits");
    for (String version : List.of("1", "2")) {
      Response r = V2Client.inferBinary("mobilenet-v3-small", version, List.of(input));
      r.then().statusCode(200);
      Fixtures.assertClose(V2Client.firstOutput(r), (float[]) expected.values());
    }

    given().post("/v2/repository/models/mobilenet-v3-small/unload").then().statusCode(200);

    V2Client.inferBinary("mobilenet-v3-small", null, List.of(input))
        .then()
        .statusCode(503)
        .body("error", containsString("mobilenet-v3-small"));
    given().get("/v2/models/mobilenet-v3-small/ready").then().statusCode(503);
    given()
        .contentType("application/json")
        .body("{}")
        .post("/v2/repository/index")
        .then()
        .statusCode(200)
        .body("find { it.name == 'mobilenet-v3-small' }.state", equalTo("UNAVAILABLE"));
  }

  @Test
  void theIndexListsEveryModelWithItsVersionsAndStates() {
    given()
        .contentType("application/json")
        .body("{}")
        .post("/v2/repository/index")
        .then()
        .statusCode(200)
        .body("findAll { it.name == 'breast-cancer-mlp' }.version", equalTo(List.of("1", "2")))
        .body(
            "findAll { it.name == 'breast-cancer-mlp' }.state", equalTo(List.of("READY", "READY")))
        .body("name", hasItem("gated-diabetes"));
    given()
        .contentType("application/json")
        .body("{\"ready\": true}")
        .post("/v2/repository/index")
        .then()
        .statusCode(200)
        .body("state", org.hamcrest.Matchers.everyItem(equalTo("READY")));
  }

  @Test
  void loadingAModelTheRepositoryDoesNotHoldIsA404() {
    given()
        .post("/v2/repository/models/no-such-model/load")
        .then()
        .statusCode(404)
        .body("error", containsString("no-such-model"));
  }

  @Test
  void reloadingAServedModelKeepsItReady() {
    given().post("/v2/repository/models/diabetes-regressor/load").then().statusCode(200);
    V2Client.infer(
            "diabetes-regressor",
            null,
            List.of(
                new Tensor(
                    "input",
                    dev.modelport.protocol.tensor.DataType.FP32,
                    new long[] {1, 10},
                    new float[10])))
        .then()
        .statusCode(200);
  }

  @Test
  void serverHealthAndMetadataAnswerOnV2AndQuarkusPaths() {
    given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
    given().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(200);
    given()
        .get("/v2")
        .then()
        .statusCode(200)
        .body("name", equalTo("modelport"))
        .body("extensions", hasItem("binary_tensor_data"))
        .body("extensions", hasItem("model_repository"));
  }

  /**
   * The tensors of a metadata answer's {@code inputs} or {@code outputs}, as Fixtures writes them.
   */
  private static List<String> tensors(JsonPath metadata, String side) {
    List<Map<String, Object>> tensors = metadata.getList(side);
    return tensors.stream()
        .map(
            t ->
                Fixtures.tensor(
                    (String) t.get("name"),
                    (String) t.get("datatype"),
                    (List<? extends Number>) t.get("shape")))
        .toList();
  }

  @Test
  void modelMetadataDescribesVersionsPlatformAndSignature() {
    ModelSignature declared = ExampleModels.signature(ExampleModels.BREAST_CANCER);
    JsonPath metadata =
        given()
            .get("/v2/models/breast-cancer-mlp")
            .then()
            .statusCode(200)
            .body("name", equalTo("breast-cancer-mlp"))
            .body("versions", equalTo(List.of("1", "2")))
            .body("platform", equalTo("onnxruntime_onnx"))
            .extract()
            .jsonPath();
    assertThat(tensors(metadata, "inputs")).containsExactlyElementsOf(described(declared.inputs()));
    assertThat(tensors(metadata, "outputs"))
        .containsExactlyElementsOf(described(declared.outputs()));
    given()
        .get("/v2/models/breast-cancer-mlp/versions/2")
        .then()
        .statusCode(200)
        .body("platform", equalTo("pytorch_libtorch"));
    given().get("/v2/models/breast-cancer-mlp/versions/2/ready").then().statusCode(200);
    given().get("/v2/models/no-such-model").then().statusCode(404);
    given().get("/v2/models/breast-cancer-mlp/versions/7/ready").then().statusCode(404);
  }

  @Test
  void theSignatureOfAModelWithoutOneInModelYamlIsReadFromItsOnnxGraph() {
    // gated-diabetes is diabetes-regressor's ONNX file without a signature in its model.yaml
    ModelSignature declared = ExampleModels.signature(ExampleModels.DIABETES);
    JsonPath metadata =
        given().get("/v2/models/gated-diabetes").then().statusCode(200).extract().jsonPath();
    assertThat(tensors(metadata, "inputs")).containsExactlyElementsOf(described(declared.inputs()));
    assertThat(tensors(metadata, "outputs"))
        .containsExactlyElementsOf(described(declared.outputs()));
  }

  @Test
  void aVersionThatIsNotAPositiveIntegerIsA404NamingIt() {
    for (String version : List.of("latest", "0", "-1")) {
      given()
          .get("/v2/models/breast-cancer-mlp/versions/" + version)
          .then()
          .statusCode(404)
          .body("error", containsString("'" + version + "'"));
      given()
          .get("/v2/models/breast-cancer-mlp/versions/" + version + "/ready")
          .then()
          .statusCode(404);
    }
  }

  @Test
  void everyServingMetricIsExported() {
    V2Client.infer(
            "diabetes-regressor",
            null,
            List.of(
                new Tensor(
                    "input",
                    dev.modelport.protocol.tensor.DataType.FP32,
                    new long[] {1, 10},
                    new float[10])))
        .then()
        .statusCode(200);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String name :
        Arrays.asList(
            "modelport_inference_requests_total{",
            "modelport_inference_request_duration_seconds_bucket{",
            "modelport_inference_queue_duration_seconds_bucket{",
            "modelport_inference_compute_duration_seconds_bucket{",
            "modelport_inference_batch_size_bucket{",
            "modelport_inference_queue_depth{",
            "modelport_inference_inflight{",
            "modelport_model_loaded{",
            "modelport_model_load_duration_seconds_count{")) {
      assertThat(metrics).as(name).contains(name);
    }
    assertThat(metrics)
        .containsPattern(
            "modelport_inference_requests_total\\{[^}]*model=\"diabetes-regressor\"[^}]*outcome=\"success\"[^}]*protocol=\"rest\"");
    assertThat(metrics)
        .contains("modelport_model_loaded{model=\"breast-cancer-mlp\",version=\"2\"} 1.0");
  }

  @Test
  void modelLoadedIsOneAfterAnUnloadThenLoadAndAfterAReload() {
    String loaded = "modelport_model_loaded{model=\"digits-cnn\",version=\"1\"}";
    given().post("/v2/repository/models/digits-cnn/unload").then().statusCode(200);
    assertThat(given().get("/q/metrics").then().extract().asString()).contains(loaded + " 0.0");

    given().post("/v2/repository/models/digits-cnn/load").then().statusCode(200);
    assertThat(given().get("/q/metrics").then().extract().asString()).contains(loaded + " 1.0");

    given().post("/v2/repository/models/digits-cnn/load").then().statusCode(200); // a reload
    String metrics = given().get("/q/metrics").then().extract().asString();
    assertThat(metrics).contains(loaded + " 1.0");
    assertThat(metrics)
        .contains("modelport_inference_queue_depth{model=\"digits-cnn\",version=\"1\"}");
  }
}
