package dev.modelport.serving.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.protocol.grpc.InferTensorContents;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.testsupport.CsvTable;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A REST and gRPC client of a serving process for the registry tests: breast-cancer-mlp requests
 * from its test CSV, answers as (status, version, probabilities).
 */
final class ServingProcesses {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One answer: HTTP status (200 or an error), the version that answered, the output data. */
  record Answer(int status, String version, double[] probabilities, String body) {}

  private final int httpPort;
  private final ManagedChannel channel;

  ServingProcesses(int httpPort, int grpcPort) {
    this.httpPort = httpPort;
    this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /** The JSON of the first {@code rows} rows of {@code table} as a V2 request. */
  static byte[] request(CsvTable table, int from, int rows) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode input = root.putArray("inputs").addObject();
    input.put("name", "input").put("datatype", "FP32");
    input.putArray("shape").add(rows).add(30);
    ArrayNode data = input.putArray("data");
    for (int r = from; r < from + rows; r++) {
      for (int c = 0; c < 30; c++) {
        data.add((float) table.rows()[r][c]);
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Answer rest(String model, String version, byte[] body, String routeKey) {
    String path =
        "/v2/models/" + model + (version == null ? "" : "/versions/" + version) + "/infer";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (routeKey != null) {
      b.header("x-modelport-route-key", routeKey);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return new Answer(r.statusCode(), null, null, r.body());
      }
      JsonNode json = JSON.readTree(r.body());
      JsonNode out = json.path("outputs").get(0).path("data");
      double[] p = new double[out.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = out.get(i).asDouble();
      }
      return new Answer(200, json.path("model_version").asText(), p, r.body());
    } catch (IOException e) {
      return new Answer(-1, null, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, null, null, e.toString());
    }
  }

  Answer grpc(String model, CsvTable table, int row, String routeKey) {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    for (int c = 0; c < 30; c++) {
      contents.addFp32Contents((float) table.rows()[row][c]);
    }
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .setModelName(model)
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("input")
                    .setDatatype("FP32")
                    .addShape(1)
                    .addShape(30)
                    .setContents(contents))
            .build();
    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub =
        GRPCInferenceServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);
    if (routeKey != null) {
      Metadata m = new Metadata();
      m.put(Metadata.Key.of("x-modelport-route-key", Metadata.ASCII_STRING_MARSHALLER), routeKey);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }
    try {
      ModelInferResponse r = stub.modelInfer(request);
      ByteString unused = ByteString.EMPTY;
      double[] p =
          r.getOutputsCount() > 0 && r.getOutputs(0).getContents().getFp32ContentsCount() > 0
              ? r.getOutputs(0).getContents().getFp32ContentsList().stream()
                  .mapToDouble(Float::doubleValue)
                  .toArray()
              : new double[0];
      return new Answer(200, r.getModelVersion(), p, "");
    } catch (RuntimeException e) {
      return new Answer(-2, null, null, e.toString());
    }
  }

  String get(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The sum of the Prometheus samples of {@code name} whose labels contain all {@code labels}. */
  double metric(String name, String... labels) {
    double sum = 0;
    for (String line : get("/q/metrics").split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= line.contains(l);
      }
      if (all) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  void close() {
    channel.shutdownNow();
  }
}
