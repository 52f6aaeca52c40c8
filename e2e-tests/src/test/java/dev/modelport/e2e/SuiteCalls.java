package dev.modelport.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The public calls the end-to-end tests make: registry uploads, inferences, drift reports. */
final class SuiteCalls {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private SuiteCalls() {}

  /** A plain HTTP answer. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  static Answer get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().build());
  }

  static Answer postJson(URI uri, byte[] body) {
    return postJson(uri, body, java.util.Map.of());
  }

  /** A JSON POST with extra headers (e.g. {@code traceparent}). */
  static Answer postJson(URI uri, byte[] body, java.util.Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return send(b.build());
  }

  private static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Registers the example folder's ONNX file as a new version of {@code model} with its model.yaml
   * signature and training data (creating the model first if needed).
   */
  static ModelVersion register(RegistryClient client, String model) {
    return register(client, model, ExampleModels.dir(model).resolve("train.csv"));
  }

  /** The same with {@code trainingData} as the training data. */
  static ModelVersion register(RegistryClient client, String model, Path trainingData) {
    return register(client, model, ExampleModels.dir(model).resolve("model.onnx"), trainingData);
  }

  /**
   * Registers {@code onnx} (any file: the registry checks its format) as a new version of {@code
   * model}, with the example folder's model.yaml signature and {@code trainingData}.
   */
  static ModelVersion register(RegistryClient client, String model, Path onnx, Path trainingData) {
    if (client.findModel(model).isEmpty()) {
      client.createModel(new NewModel(model, "end-to-end test", Map.of()));
    }
    Path folder = ExampleModels.dir(model);
    VersionMetadata metadata =
        new VersionMetadata(
            ArtifactFormat.ONNX,
            null,
            null,
            null,
            Map.of(),
            Map.of(),
            null,
            Map.of(),
            "registered by the end-to-end tests");
    return client.uploadVersion(
        model,
        VersionUpload.of(onnx, metadata)
            .withModelYaml(folder.resolve("model.yaml"))
            .withTrainingData(trainingData));
  }

  /** Points {@code alias} of {@code model} at {@code version}. */
  static void alias(RegistryClient client, String model, String alias, VersionNumber version) {
    client.setAlias(model, alias, version);
  }

  /** The input tensors of rows {@code [from, to)} of an example model's CSV. */
  static List<Tensor> inputs(String model, CsvTable table, int from, int to) {
    int n = to - from;
    double[][] rows = table.rows();
    if (model.equals(ExampleModels.CREDIT_RISK)) {
      float[] numeric = new float[n * 4];
      long[] categorical = new long[n * 2];
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < 4; c++) {
          numeric[r * 4 + c] = (float) rows[from + r][c];
        }
        categorical[r * 2] = (long) rows[from + r][4];
        categorical[r * 2 + 1] = (long) rows[from + r][5];
      }
      return List.of(
          new Tensor("numeric", DataType.FP32, new long[] {n, 4}, numeric),
          new Tensor("categorical", DataType.INT64, new long[] {n, 2}, categorical));
    }
    int features = table.header().size() - 1;
    float[] data = new float[n * features];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < features; c++) {
        data[r * features + c] = (float) rows[from + r][c];
      }
    }
    return List.of(new Tensor("input", DataType.FP32, new long[] {n, features}, data));
  }

  /** A REST inference of the default (primary) version. */
  static Answer infer(URI serving, String model, List<Tensor> inputs) {
    return postJson(
        serving.resolve("/v2/models/" + model + "/infer"),
        InferenceJsonEncoder.encodeRequest(inputs).bytes());
  }

  /** The evaluated windows of a model version in the drift API, newest first (none: empty). */
  static List<JsonNode> windows(URI drift, String model, String version) {
    Answer a = get(drift.resolve("/api/v1/drift/" + model + "/versions/" + version));
    if (a.status() == 404) {
      return List.of();
    }
    if (a.status() != 200) {
      throw new IllegalStateException("drift API answered " + a.status() + ": " + a.body());
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    a.json().path("recent").forEach(out::add);
    return out;
  }
}
