package dev.modelport.registryclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.api.NewModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's retry, error and download behaviour against a scripted local HTTP server. */
class RegistryClientTest {
  private static final String MODEL_JSON =
      "{\"name\":\"iris\",\"tags\":{},\"latestVersion\":2,\"aliases\":{\"champion\":2}}";

  private HttpServer server;
  private RegistryClient client;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.start();
    client =
        RegistryClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .apiKey("secret")
            .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void respond(
      HttpExchange exchange, int status, byte[] body, Map<String, String> headers)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void idempotentReadIsRetriedAfterUnavailable() {
    AtomicInteger calls = new AtomicInteger();
    server.createContext(
        "/api/v1/models/iris",
        exchange -> {
          requests.add(exchange.getRequestHeaders().getFirst("Authorization"));
          if (calls.incrementAndGet() < 3) {
            respond(
                exchange,
                503,
                "{\"error\":\"starting\"}".getBytes(StandardCharsets.UTF_8),
                Map.of());
          } else {
            respond(
                exchange,
                200,
                MODEL_JSON.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
          }
        });

    assertThat(client.getModel("iris").aliases()).containsEntry("champion", VersionNumber.of(2));
    assertThat(calls).hasValue(3);
    assertThat(requests).containsOnly("Bearer secret");
  }

  @Test
  void creationIsNotRetriedAndCarriesTheRegistryMessage() {
    AtomicInteger calls = new AtomicInteger();
    server.createContext(
        "/api/v1/models",
        exchange -> {
          calls.incrementAndGet();
          respond(
              exchange,
              503,
              "{\"error\":\"down for maintenance\"}".getBytes(StandardCharsets.UTF_8),
              Map.of());
        });

    assertThatThrownBy(() -> client.createModel(new NewModel("iris", null, null)))
        .isInstanceOfSatisfying(
            RegistryApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.error()).isEqualTo("down for maintenance");
            });
    assertThat(calls).hasValue(1);
  }

  @Test
  void notFoundIsNotRetriedAndFindReturnsEmpty() {
    AtomicInteger calls = new AtomicInteger();
    server.createContext(
        "/api/v1/models/gone",
        exchange -> {
          calls.incrementAndGet();
          respond(
              exchange,
              404,
              "{\"error\":\"model 'gone' not found\"}".getBytes(StandardCharsets.UTF_8),
              Map.of());
        });
    assertThat(client.findModel("gone")).isEmpty();
    assertThat(calls).hasValue(1);
  }

  @Test
  void downloadResumesWithRangeAfterABrokenConnectionAndVerifiesTheChecksum() throws Exception {
    byte[] artifact = new byte[300_000];
    new Random(1).nextBytes(artifact);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact));
    List<String> ranges = new CopyOnWriteArrayList<>();
    server.createContext(
        "/api/v1/models/iris/versions/1/artifact",
        exchange -> {
          String range = exchange.getRequestHeaders().getFirst("Range");
          ranges.add(String.valueOf(range));
          exchange.getResponseHeaders().add("ETag", "\"" + sha + "\"");
          if (range == null) {
            // announce everything, send a third, then drop the connection
            exchange.sendResponseHeaders(200, artifact.length);
            exchange.getResponseBody().write(artifact, 0, 100_000);
            exchange.getResponseBody().flush();
            exchange.close();
            return;
          }
          int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
          exchange
              .getResponseHeaders()
              .add(
                  "Content-Range",
                  "bytes " + from + "-" + (artifact.length - 1) + "/" + artifact.length);
          exchange.sendResponseHeaders(206, artifact.length - from);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(artifact, from, artifact.length - from);
          }
        });

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String verified = client.downloadArtifact("iris", VersionNumber.of(1), out);

    assertThat(verified).isEqualTo(sha);
    assertThat(out.toByteArray()).isEqualTo(artifact);
    assertThat(ranges).hasSize(2);
    assertThat(ranges.get(0)).isEqualTo("null");
    assertThat(ranges.get(1)).matches("bytes=\\d+-");
  }

  @Test
  void downloadWithBytesNotMatchingTheETagFails() {
    server.createContext(
        "/api/v1/models/iris/versions/1/artifact",
        exchange ->
            respond(
                exchange, 200, new byte[] {1, 2, 3}, Map.of("ETag", "\"" + "0".repeat(64) + "\"")));
    assertThatThrownBy(
            () -> client.downloadArtifact("iris", VersionNumber.of(1), new ByteArrayOutputStream()))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining("0".repeat(64));
  }

  @Test
  void backoffGrowsAndStaysWithinTheCap() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
    for (int i = 0; i < 50; i++) {
      assertThat(policy.backoff(1).toMillis()).isBetween(50L, 100L);
      assertThat(policy.backoff(3).toMillis()).isBetween(200L, 400L);
      assertThat(policy.backoff(9).toMillis()).isBetween(500L, 1000L);
    }
  }
}
