package dev.modelport.serving.api;

import static dev.modelport.serving.Fixtures.assertRowsMatch;
import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.serving.Fixtures.int64;
import static dev.modelport.testsupport.ExampleModels.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.modelport.protocol.rest.InferenceResponse;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.Fixtures;
import dev.modelport.testsupport.CsvTable;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RestInferenceTest {

  @TestHTTPResource("/")
  URL root;

  private static List<Tensor> breastInputs(CsvTable rows) {
    return List.of(fp32("input", rows, 0, 30));
  }

  @ParameterizedTest(name = "version {0}")
  @ValueSource(strings = {"1", "2"})
  void breastCancerMlpReproducesItsReferenceProbabilitiesInBothFormats(String version) {
    CsvTable test = csv("breast-cancer-mlp", "test.csv");
    Response r = V2Client.infer("breast-cancer-mlp", version, breastInputs(test));
    r.then().statusCode(200);
    InferenceResponse response = V2Client.decode(r);
    assertThat(response.modelVersion()).isEqualTo(version);
    assertThat(response.outputTensors().get(0).shape()).containsExactly(test.size(), 2);
    assertRowsMatch(
        V2Client.firstOutput(r), csv("breast-cancer-mlp", "expected_test_probabilities.csv"));
  }

  @ParameterizedTest(name = "version {0}")
  @ValueSource(strings = {"1", "2"})
  void creditRiskMixedTakesItsFloatAndInt64InputsInBothFormats(String version) {
    CsvTable test = csv("credit-risk-mixed", "test.csv");
    // categorical first: the server puts inputs in signature order
    Response r =
        V2Client.infer(
            "credit-risk-mixed",
            version,
            List.of(int64("categorical", test, 4, 6), fp32("numeric", test, 0, 4)));
    r.then().statusCode(200);
    assertRowsMatch(
        V2Client.firstOutput(r), csv("credit-risk-mixed", "expected_test_probabilities.csv"));
  }

  @ParameterizedTest(name = "version {0}")
  @ValueSource(strings = {"1", "2"})
  void diabetesRegressorReproducesItsReferencePredictionsInBothFormats(String version) {
    CsvTable test = csv("diabetes-regressor", "test.csv");
    Response r = V2Client.infer("diabetes-regressor", version, List.of(fp32("input", test, 0, 10)));
    r.then().statusCode(200);
    assertRowsMatch(
        V2Client.firstOutput(r), csv("diabetes-regressor", "expected_test_predictions.csv"));
  }

  @ParameterizedTest(name = "version {0}")
  @ValueSource(strings = {"1", "2"})
  void digitsCnnReproducesItsReferenceProbabilitiesInBothFormats(String version) {
    CsvTable test = csv("digits-cnn", "test_images.csv");
    Tensor flat = fp32("image", test, 1, 65);
    Tensor image =
        new Tensor("image", DataType.FP32, new long[] {test.size(), 1, 8, 8}, flat.values());
    Response r = V2Client.inferBinary("digits-cnn", version, List.of(image));
    r.then()
        .statusCode(200)
        .header(
            "Inference-Header-Content-Length",
            Integer::parseInt,
            org.hamcrest.Matchers.greaterThan(0));
    assertRowsMatch(V2Client.firstOutput(r), csv("digits-cnn", "expected_test_probabilities.csv"));
  }

  @Test
  void theFixedBatchModelAnswersEachImageOnItsOwnAndRefusesTwoAtOnce() {
    Tensor images = Fixtures.npy("digits-static-batch", "input_5x1x8x8.npy", "image");
    Tensor expected = Fixtures.npy("digits-static-batch", "expected_5x10.npy", "probabilities");
    float[] all = (float[]) images.values();
    for (int i = 0; i < 5; i++) {
      float[] one = Arrays.copyOfRange(all, i * 64, (i + 1) * 64);
      Response r =
          V2Client.infer(
              "digits-static-batch",
              null,
              List.of(new Tensor("image", DataType.FP32, new long[] {1, 1, 8, 8}, one)));
      r.then().statusCode(200);
      Fixtures.assertClose(
          V2Client.firstOutput(r),
          Arrays.copyOfRange((float[]) expected.values(), i * 10, (i + 1) * 10));
    }
    V2Client.infer(
            "digits-static-batch",
            null,
            List.of(
                new Tensor(
                    "image", DataType.FP32, new long[] {2, 1, 8, 8}, Arrays.copyOf(all, 128))))
        .then()
        .statusCode(400)
        .body("error", containsString("'image'"))
        .body("error", containsString("[2,1,8,8]"));
  }

  @Test
  void concurrentSingleRowRequestsEachGetTheirOwnRowBack() throws Exception {
    CsvTable test = csv("breast-cancer-mlp", "test.csv");
    CsvTable expected = csv("breast-cancer-mlp", "expected_test_probabilities.csv");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<float[]>> results = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        CsvTable row = Fixtures.row(test, i);
        results.add(
            CompletableFuture.supplyAsync(
                () -> {
                  Response r = V2Client.infer("breast-cancer-mlp", null, breastInputs(row));
                  r.then().statusCode(200);
                  return V2Client.firstOutput(r);
                },
                pool));
      }
      for (int i = 0; i < test.size(); i++) {
        assertRowsMatch(results.get(i).get(60, TimeUnit.SECONDS), Fixtures.row(expected, i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void binaryInputsAndOutputsRoundTripExactly() {
    CsvTable test = csv("breast-cancer-mlp", "test.csv");
    Response json = V2Client.infer("breast-cancer-mlp", "1", breastInputs(test));
    Response binary = V2Client.inferBinary("breast-cancer-mlp", "1", breastInputs(test));
    binary.then().statusCode(200).contentType("application/octet-stream");
    assertThat(binary.getHeader("Inference-Header-Content-Length")).isNotNull();
    assertThat(V2Client.firstOutput(binary)).containsExactly(V2Client.firstOutput(json));
  }

  @Test
  void tritonClientParametersAreAcceptedAndOnlyTheRequestedOutputIsReturned() {
    String body =
        """
        {"id": "req-7",
         "parameters": {"binary_data_output": false, "sequence_id": 0, "priority": 0},
         "inputs": [{"name": "input", "shape": [1, 10], "datatype": "FP32",
                     "parameters": {"binary_data": false},
                     "data": [[0.04, -0.04, 0.06, 0.02, -0.04, -0.03, -0.04, 0.0, 0.02, -0.01]]}],
         "outputs": [{"name": "prediction", "parameters": {"binary_data": false, "classification": 0}}]}
        """;
    V2Client.post("/v2/models/diabetes-regressor/infer", body.getBytes(StandardCharsets.UTF_8))
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.equalTo("req-7"))
        .body("model_name", org.hamcrest.Matchers.equalTo("diabetes-regressor"))
        .body("outputs[0].name", org.hamcrest.Matchers.equalTo("prediction"))
        .body("outputs[0].shape", org.hamcrest.Matchers.contains(1, 1));
  }

  @Test
  void malformedDataIsA400NamingTheTensor() {
    String body =
        """
        {"inputs": [{"name": "input", "shape": [1, 10], "datatype": "FP32",
                     "data": [1, 2, 3, "four", 5, 6, 7, 8, 9, 10]}]}
        """;
    V2Client.post("/v2/models/diabetes-regressor/infer", body.getBytes(StandardCharsets.UTF_8))
        .then()
        .statusCode(400)
        .body("error", containsString("input 'input'"));
  }

  @Test
  void tooFewValuesForTheShapeIsA400NamingTheTensor() {
    String body =
        """
        {"inputs": [{"name": "input", "shape": [1, 10], "datatype": "FP32", "data": [1, 2, 3]}]}
        """;
    V2Client.post("/v2/models/diabetes-regressor/infer", body.getBytes(StandardCharsets.UTF_8))
        .then()
        .statusCode(400)
        .body("error", containsString("'input'"));
  }

  @Test
  void aShapeBeyondTheElementLimitIsRefusedBeforeAnythingIsAllocated() {
    String body =
        """
        {"inputs": [{"name": "input", "shape": [1099511627776, 10], "datatype": "FP32", "data": [1]}]}
        """;
    V2Client.post("/v2/models/diabetes-regressor/infer", body.getBytes(StandardCharsets.UTF_8))
        .then()
        .statusCode(400)
        .body("error", containsString("'input'"))
        .body("error", containsString("limit"));
  }

  @Test
  void aDatatypeTheModelDoesNotTakeIsA400NamingTheTensor() {
    V2Client.infer(
            "diabetes-regressor",
            null,
            List.of(new Tensor("input", DataType.FP64, new long[] {1, 10}, new double[10])))
        .then()
        .statusCode(400)
        .body("error", containsString("'input'"))
        .body("error", containsString("FP64"));
  }

  @Test
  void aMissingInputIsA400NamingIt() {
    CsvTable test = csv("credit-risk-mixed", "test.csv");
    V2Client.infer("credit-risk-mixed", null, List.of(fp32("numeric", test, 0, 4)))
        .then()
        .statusCode(400)
        .body("error", containsString("'categorical'"));
  }

  @Test
  void anUnknownModelOrVersionIsA404() {
    V2Client.infer(
            "no-such-model",
            null,
            List.of(new Tensor("x", DataType.FP32, new long[] {1}, new float[1])))
        .then()
        .statusCode(404)
        .body("error", containsString("no-such-model"));
    V2Client.infer(
            "diabetes-regressor",
            "9",
            List.of(new Tensor("input", DataType.FP32, new long[] {1, 10}, new float[10])))
        .then()
        .statusCode(404)
        .body("error", containsString("version 9"));
  }

  @Test
  void aVersionThatIsNotAPositiveIntegerIsA404NamingIt() {
    for (String version : List.of("latest", "0", "-1", "1.0")) {
      V2Client.infer(
              "diabetes-regressor",
              version,
              List.of(new Tensor("input", DataType.FP32, new long[] {1, 10}, new float[10])))
          .then()
          .statusCode(404)
          .body("error", containsString("diabetes-regressor"))
          .body("error", containsString("'" + version + "'"));
    }
  }

  @Test
  void aBodyDeclaredBeyondTheLimitIsRefusedWith413BeforeItIsSent() throws Exception {
    // Only the headers are sent: the server must answer from the declared length alone.
    try (Socket socket = new Socket(root.getHost(), root.getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST /v2/models/diabetes-regressor/infer HTTP/1.1\r\nHost: localhost\r\n"
              + "Content-Type: application/json\r\nContent-Length: "
              + (5 * 1024 * 1024)
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).startsWith("HTTP/1.1 413");
    }
  }
}
