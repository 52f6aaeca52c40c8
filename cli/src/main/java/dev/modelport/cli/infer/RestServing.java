package dev.modelport.cli.infer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.cli.connect.Unreachable;
import dev.modelport.cli.console.CommandFailure;
import dev.modelport.protocol.rest.EncodedBody;
import dev.modelport.protocol.rest.InferenceJsonDecoder;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** {@code POST /v2/models/{m}[/versions/{v}]/infer} with a JSON body (Open Inference Protocol). */
final class RestServing implements ServingClient {
  private final URI base;
  private final Duration timeout;
  private final HttpClient http;
  private final InferenceJsonDecoder decoder = new InferenceJsonDecoder(TensorLimits.DEFAULT);

  RestServing(URI base, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @Override
  public List<Tensor> infer(String model, String version, List<Tensor> inputs) {
    String path =
        "v2/models/"
            + encode(model)
            + (version == null ? "" : "/versions/" + encode(version))
            + "/infer";
    EncodedBody body = InferenceJsonEncoder.encodeRequest(inputs);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CommandFailure(
          "cannot reach serving at "
              + address()
              + " ("
              + Unreachable.reason(e)
              + "): is 'modelport up' running? Another suite: --serving URL");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted");
    }
    if (response.statusCode() != 200) {
      throw new CommandFailure(
          ServingAnswers.describe(
              address(), model, version, response.statusCode(), error(response.body())));
    }
    String header = response.headers().firstValue(EncodedBody.HEADER_CONTENT_LENGTH).orElse(null);
    return decoder
        .decodeResponse(response.body(), header == null ? null : Integer.valueOf(header))
        .outputTensors();
  }

  @Override
  public String address() {
    return base.toString().replaceAll("/$", "");
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() before Java 21
  }

  private static String error(byte[] body) {
    try {
      JsonNode error = new ObjectMapper().readTree(body).path("error");
      if (error.isTextual()) {
        return error.asText();
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
