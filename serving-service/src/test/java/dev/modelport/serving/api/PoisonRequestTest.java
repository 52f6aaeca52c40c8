package dev.modelport.serving.api;

import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.serving.Fixtures.int64;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.Fixtures;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One bad request among good ones, on both engines (credit-risk-mixed version 1 is ONNX, version 2
 * TorchScript) and both transports: a categorical index of 5 where the embedding has 4 rows. The
 * good requests are all answered, the bad one gets 400 / INVALID_ARGUMENT with a one-line message
 * and no traceback or path; the split batches are counted.
 */
@QuarkusTest
class PoisonRequestTest {

  private static final String MODEL = "credit-risk-mixed";
  private static final int GOOD = 40;
  private static final int ROUNDS = 10;

  @Inject MeterRegistry registry;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Row {@code i} of the test rows, as the model's two inputs; {@code region} set when >= 0. */
  private static List<Tensor> row(int i, long region) {
    CsvTable one = Fixtures.row(ExampleModels.csv(MODEL, "test.csv"), i);
    Tensor categorical = int64("categorical", one, 4, 6);
    if (region >= 0) {
      ((long[]) categorical.values())[0] = region;
    }
    return List.of(fp32("numeric", one, 0, 4), categorical);
  }

  private double splits(String version) {
    Counter c =
        registry
            .find("modelport.inference.batch.splits")
            .tags("model", MODEL, "version", version)
            .counter();
    return c == null ? 0 : c.count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void overRestOnlyTheBadRequestFails(String version) throws Exception {
    double splitsBefore = splits(version);
    URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + V2Client.path(MODEL, version));
    for (int round = 0; round < ROUNDS; round++) {
      List<CompletableFuture<HttpResponse<String>>> good = new ArrayList<>();
      CompletableFuture<HttpResponse<String>> bad = null;
      for (int i = 0; i < GOOD; i++) {
        if (i == GOOD / 2) {
          bad = post(uri, row(0, 5));
        }
        good.add(post(uri, row(i, -1)));
      }
      for (CompletableFuture<HttpResponse<String>> f : good) {
        HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      HttpResponse<String> refused = bad.get(30, TimeUnit.SECONDS);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body())
          .startsWith("{\"error\":")
          .contains("model '" + MODEL + "' version " + version)
          .contains("the engine refused the input")
          .doesNotContain("Traceback")
          .doesNotContain("\\n")
          .doesNotContainPattern("/[A-Za-z_.-]+/[A-Za-z_.-]+");
    }
    assertThat(splits(version))
        .as("batches holding the bad request were split (so it ran batched with good ones)")
        .isGreaterThan(splitsBefore);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void overGrpcOnlyTheBadRequestFails(String version) throws Exception {
    double splitsBefore = splits(version);
    for (int round = 0; round < ROUNDS; round++) {
      List<ListenableFuture<ModelInferResponse>> good = new ArrayList<>();
      ListenableFuture<ModelInferResponse> bad = null;
      for (int i = 0; i < GOOD; i++) {
        if (i == GOOD / 2) {
          bad = GrpcClient.futureStub().modelInfer(request(version, row(0, 5)));
        }
        good.add(GrpcClient.futureStub().modelInfer(request(version, row(i, -1))));
      }
      for (ListenableFuture<ModelInferResponse> f : good) {
        assertThat(f.get(30, TimeUnit.SECONDS).getOutputsCount()).isEqualTo(1);
      }
      try {
        bad.get(30, TimeUnit.SECONDS);
        throw new AssertionError("the bad request was answered");
      } catch (ExecutionException e) {
        Status status = ((StatusRuntimeException) e.getCause()).getStatus();
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription())
            .contains("model '" + MODEL + "' version " + version)
            .contains("the engine refused the input")
            .doesNotContain("Traceback")
            .doesNotContain("\n")
            .doesNotContainPattern("/[A-Za-z_.-]+/[A-Za-z_.-]+");
      }
    }
    assertThat(splits(version)).isGreaterThan(splitsBefore);
  }

  private static CompletableFuture<HttpResponse<String>> post(URI uri, List<Tensor> inputs) {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    InferenceJsonEncoder.encodeRequest(inputs).bytes()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ModelInferRequest request(String version, List<Tensor> inputs) {
    ModelInferRequest.Builder b =
        ModelInferRequest.newBuilder().setModelName(MODEL).setModelVersion(version);
    return GrpcTensorMapper.addInputs(b, inputs, true).build();
  }
}
