package dev.modelport.drift.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.drift.evaluation.WindowReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Posts a drift episode to Alertmanager's API ({@code POST /api/v2/alerts}, a JSON array of {@code
 * {labels, annotations, startsAt, generatorURL}}). Labels: {@code alertname=ModelportDatasetDrift},
 * {@code severity=warning}, {@code model}, {@code version}. Blocking; call it off the consumer
 * thread. Thread-safe.
 */
public final class AlertmanagerNotifier {

  private static final Logger LOG = Logger.getLogger(AlertmanagerNotifier.class);
  static final String ALERT_NAME = "ModelportDatasetDrift";

  private final URI url;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public AlertmanagerNotifier(URI url) {
    this.url = url;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Sends the alert; returns whether Alertmanager accepted it (failures are logged). */
  public boolean notify(DriftEpisode episode) {
    String body = body(episode);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        LOG.infof("Alert sent for %s to %s", episode.report().key(), url);
        return true;
      }
      LOG.warnf(
          "Alertmanager at %s answered %d to the drift alert of %s: %s",
          url, response.statusCode(), episode.report().key(), response.body());
    } catch (IOException e) {
      LOG.warnf(
          "Cannot post the drift alert of %s to %s: %s", episode.report().key(), url, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  String body(DriftEpisode episode) {
    WindowReport r = episode.report();
    ArrayNode alerts = json.createArrayNode();
    ObjectNode alert = alerts.addObject();
    ObjectNode labels = alert.putObject("labels");
    labels.put("alertname", ALERT_NAME);
    labels.put("severity", "warning");
    labels.put("model", r.key().model());
    labels.put("version", r.key().version());
    ObjectNode annotations = alert.putObject("annotations");
    annotations.put(
        "summary", "Input drift on " + r.key().model() + " version " + r.key().version());
    annotations.put(
        "description",
        String.format(
            Locale.ROOT,
            "%d consecutive windows drifted; latest: %.0f%% of features drifted (%s) over %d rows",
            episode.consecutiveWindows(),
            100 * r.result().share(),
            String.join(", ", r.driftedFeatures()),
            r.rows()));
    annotations.put("drifted_features", String.join(",", r.driftedFeatures()));
    annotations.put("report_url", episode.reportUrl());
    alert.put("startsAt", r.evaluatedAt().toString());
    alert.put("generatorURL", episode.reportUrl());
    return alerts.toString();
  }
}
