package dev.modelport.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo's HTTP calls: plain GETs and JSON POSTs with short timeouts. Thread-safe. A connection
 * failure is an {@link UncheckedIOException} whose message names the URL.
 */
final class DemoHttp {

  /** An answer: status and body. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  Answer get(URI uri) throws InterruptedException {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build());
  }

  Answer postJson(URI uri, String body) throws InterruptedException {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private Answer send(HttpRequest request) throws InterruptedException {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach " + request.uri() + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
