package dev.modelport.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the demo reads from drift-monitor ({@code GET /api/v1/drift/{model}[/versions/{v}]}: the
 * evaluated windows with their sequence numbers and the open windows) and from serving's metrics
 * (events published per model). Not thread-safe.
 */
final class DriftApi {

  /** An open window holding rows, as the drift API lists it. */
  record OpenWindow(String version, long rows, String closesBy) {}

  private static final Pattern PUBLISHED =
      Pattern.compile("^modelport_events_published_total\\{([^}]*)\\}\\s+([0-9.eE+-]+)$");

  private final DemoHttp http;
  private final URI drift;
  private final URI serving;
  private final String model;

  DriftApi(DemoHttp http, URI drift, URI serving, String model) {
    this.http = http;
    this.drift = drift;
    this.serving = serving;
    this.model = model;
  }

  /** The model's drift results, all versions; empty before its first evaluated window. */
  Optional<JsonNode> model() throws DemoException, InterruptedException {
    return read(drift.resolve("/api/v1/drift/" + encode(model)));
  }

  /** One version's drift results; empty before its first evaluated window. */
  Optional<JsonNode> version(String version) throws DemoException, InterruptedException {
    return read(drift.resolve("/api/v1/drift/" + encode(model) + "/versions/" + encode(version)));
  }

  /** The open windows that hold rows, of every version of the model. */
  static List<OpenWindow> openWindows(JsonNode modelDrift) {
    List<OpenWindow> open = new ArrayList<>();
    for (JsonNode v : modelDrift.path("versions")) {
      for (JsonNode w : v.path("openWindows")) {
        if (w.path("rows").asLong() > 0) {
          open.add(
              new OpenWindow(
                  v.path("version").asText(),
                  w.path("rows").asLong(),
                  w.path("closesBy").asText()));
        }
      }
    }
    return open;
  }

  /** The highest window sequence number of {@code version} in {@code modelDrift}, else -1. */
  static long lastSequence(Optional<JsonNode> modelDrift, String version) {
    long last = -1;
    for (JsonNode v : modelDrift.map(m -> m.path("versions")).orElse(DemoHttp.JSON.nullNode())) {
      if (v.path("version").asText().equals(version)) {
        for (JsonNode w : v.path("recent")) {
          last = Math.max(last, w.path("sequence").asLong());
        }
      }
    }
    return last;
  }

  /**
   * Waits for the first window of {@code version} with a sequence number above {@code after}.
   *
   * @return its JSON, with the version's {@code reportUrl} beside it
   * @throws DemoException when none is evaluated within {@code timeout}
   */
  Window awaitWindowAfter(String version, long after, Duration timeout)
      throws DemoException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<JsonNode> drift = version(version);
      if (drift.isPresent()) {
        Optional<JsonNode> window = windowAfter(drift.get(), after);
        if (window.isPresent()) {
          return new Window(window.get(), drift.get().path("reportUrl").asText());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new DemoException(
            "drift-monitor evaluated no new window of "
                + model
                + " version "
                + version
                + " within "
                + timeout.toSeconds()
                + " s; see its log (modelport-data/logs/drift-monitor.log) and "
                + this.drift
                + "/q/health/ready");
      }
      Thread.sleep(500);
    }
  }

  /** An evaluated window and the report page of its version. */
  record Window(JsonNode json, String reportUrl) {}

  static Optional<JsonNode> windowAfter(JsonNode versionDrift, long after) {
    List<JsonNode> newer = new ArrayList<>();
    versionDrift.path("recent").forEach(w -> newer.add(w));
    return newer.stream()
        .filter(w -> w.path("sequence").asLong() > after)
        .min(Comparator.comparingLong(w -> w.path("sequence").asLong()));
  }

  /** Inference events of the model that serving has published so far (its metrics). */
  double publishedEvents() throws DemoException, InterruptedException {
    DemoHttp.Answer metrics;
    try {
      metrics = http.get(serving.resolve("/q/metrics"));
    } catch (UncheckedIOException e) {
      throw new DemoException("Serving's metrics cannot be read: " + e.getMessage());
    }
    return publishedEvents(metrics.body(), model);
  }

  /** The sum of {@code modelport_events_published_total} of {@code model} in Prometheus text. */
  static double publishedEvents(String prometheusText, String model) {
    double total = 0;
    for (String line : prometheusText.split("\n")) {
      Matcher m = PUBLISHED.matcher(line.trim());
      if (m.matches() && m.group(1).contains("model=\"" + model + "\"")) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  private Optional<JsonNode> read(URI uri) throws DemoException, InterruptedException {
    DemoHttp.Answer answer;
    try {
      answer = http.get(uri);
    } catch (UncheckedIOException e) {
      throw new DemoException(
          "drift-monitor did not answer: " + e.getMessage() + "; is modelport up running?");
    }
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.status() != 200) {
      throw new DemoException("drift-monitor answered " + answer.status() + " at " + uri);
    }
    return Optional.of(answer.json());
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
