package dev.modelport.drift.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.api.EventBatch;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.VersionStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The registry's read API as drift-monitor uses it (version, baseline, change feed), served by the
 * JDK HTTP server from versions registered in the test; and an Alertmanager endpoint ({@code POST
 * /api/v2/alerts}) that records what it receives.
 */
public final class FakeRegistry implements AutoCloseable {

  private record Stored(ModelSignature signature, String baselineJson) {}

  private final HttpServer server;
  private final ObjectMapper json = RegistryJson.newMapper();
  private final Map<String, Stored> versions = new ConcurrentHashMap<>();
  private final List<String> alerts = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  public FakeRegistry() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "fake-registry");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/api/v1/", this::registry);
    server.createContext("/api/v2/alerts", this::alert);
    server.start();
  }

  /** Registers a version; {@code baselineJson} may be null (a version without baseline). */
  public FakeRegistry register(
      String model, int version, ModelSignature signature, String baselineJson) {
    versions.put(model + "/" + version, new Stored(signature, baselineJson));
    return this;
  }

  /** Answers every request about {@code model} with {@code status} from now on. */
  public FakeRegistry answer(String model, int status) {
    statuses.put(model, status);
    return this;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<String> alerts() {
    return alerts;
  }

  private void registry(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String[] parts = path.split("/");
    // /api/v1/models/{m}/versions/{v}[/baseline]
    Integer status = parts.length >= 5 ? statuses.get(parts[4]) : null;
    if (status != null) {
      send(exchange, status, "{\"error\":\"scripted " + status + "\"}");
    } else if (path.equals("/api/v1/models")) {
      send(exchange, 200, "{\"items\":[],\"offset\":0,\"limit\":1,\"total\":0}");
    } else if (parts.length >= 7 && parts[3].equals("models") && parts[5].equals("versions")) {
      Stored s = versions.get(parts[4] + "/" + parts[6]);
      if (s == null) {
        send(exchange, 404, "{\"error\":\"no such version\"}");
      } else if (parts.length == 7) {
        ModelVersion v =
            new ModelVersion(
                parts[4],
                VersionNumber.parse(parts[6]),
                VersionStatus.READY,
                null,
                s.signature(),
                null,
                Map.of(),
                Map.of(),
                null,
                Map.of(),
                "",
                s.baselineJson() != null,
                "test",
                Instant.parse("2026-01-01T00:00:00Z"));
        send(exchange, 200, json.writeValueAsString(v));
      } else if (parts.length == 8 && parts[7].equals("baseline") && s.baselineJson() != null) {
        send(exchange, 200, s.baselineJson());
      } else {
        send(exchange, 404, "{\"error\":\"no baseline\"}");
      }
    } else if (path.equals("/api/v1/events")) {
      // A long poll during which nothing changes: held for half a second (so that a follower
      // does not spin), or answered at once when the fake closes.
      try {
        closing.await(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      send(exchange, 200, json.writeValueAsString(new EventBatch(List.of(), 0)));
    } else {
      send(exchange, 404, "{\"error\":\"not found\"}");
    }
  }

  private void alert(HttpExchange exchange) throws IOException {
    alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    send(exchange, 200, "");
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
