package dev.modelport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loop a user sees: register a model with its training data and point {@code champion} at it;
 * serving (registry source, no serving configuration) serves it; its requests reach drift-monitor
 * as inference events; the test rows show no drift, the drifted rows show drift on exactly the
 * features that were moved, in the drift API and in the metrics.
 */
class DriftLoopIT {

  @TempDir static Path work;
  static Suite suite;
  static RegistryClient registry;

  @BeforeAll
  static void startTheSuite() {
    suite =
        Suite.in(work)
            // one window per CSV file: the test rows, then the drifted rows
            .drift("modelport.drift.models.\"breast-cancer-mlp\".window.max-rows", 114)
            .drift("modelport.drift.models.\"credit-risk-mixed\".window.max-rows", 800)
            .start();
    registry = suite.registryClient();
  }

  @AfterAll
  static void stopTheSuite() {
    if (registry != null) {
      registry.close();
    }
    if (suite != null) {
      suite.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {ExampleModels.BREAST_CANCER, ExampleModels.CREDIT_RISK})
  void testRowsShowNoDriftAndDriftedRowsShowDriftOnExactlyTheMovedFeatures(String model) {
    ModelVersion v = SuiteCalls.register(registry, model);
    SuiteCalls.alias(registry, model, "champion", v.version());
    String version = v.version().toString();
    Http.awaitStatus(
        suite.serving.resolve("/v2/models/" + model + "/versions/" + version + "/ready"),
        200,
        Duration.ofSeconds(60));

    send(model, ExampleModels.csv(model, "test.csv"));
    JsonNode first = awaitWindows(model, version, 1).get(0);
    assertThat(first.path("datasetDrift").path("drifted").asBoolean())
        .as("test rows: %s", first)
        .isFalse();
    assertThat(first.path("datasetDrift").path("driftedFeatures")).isEmpty();

    send(model, ExampleModels.csv(model, "drifted.csv"));
    JsonNode second = awaitWindows(model, version, 2).get(0);
    List<String> drifted = new ArrayList<>();
    second.path("datasetDrift").path("driftedFeatures").forEach(n -> drifted.add(n.asText()));
    List<String> expected =
        model.equals(ExampleModels.BREAST_CANCER)
            ? ExampleModels.BREAST_CANCER_DRIFTED
            : ExampleModels.CREDIT_RISK_DRIFTED;
    assertThat(drifted)
        .as("drifted rows: %s", second)
        .containsExactlyInAnyOrderElementsOf(expected);

    String metrics = SuiteCalls.get(suite.drift.resolve("/q/metrics")).body();
    assertThat(metrics)
        .containsPattern(
            "modelport_drift_detected\\{feature=\""
                + expected.get(0)
                + "\",model=\""
                + model
                + "\"[^}]*\\} 1(\\.0)?");
    String servingMetrics = SuiteCalls.get(suite.serving.resolve("/q/metrics")).body();
    assertThat(servingMetrics)
        .containsPattern("modelport_events_published_total\\{[^}]*model=\"" + model + "\"");
  }

  /** Sends every row of {@code table}, six rows a request, and checks each answer. */
  private static void send(String model, CsvTable table) {
    int per = model.equals(ExampleModels.BREAST_CANCER) ? 6 : 40;
    for (int from = 0; from < table.size(); from += per) {
      int to = Math.min(table.size(), from + per);
      SuiteCalls.Answer a =
          SuiteCalls.infer(suite.serving, model, SuiteCalls.inputs(model, table, from, to));
      assertThat(a.status()).as("inference of rows %d-%d: %s", from, to, a.body()).isEqualTo(200);
    }
  }

  private static List<JsonNode> awaitWindows(String model, String version, int count) {
    List<JsonNode> windows = new ArrayList<>();
    await("drift-monitor evaluated " + count + " window(s) of " + model)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              windows.clear();
              windows.addAll(SuiteCalls.windows(suite.drift, model, version));
              return windows.size() >= count;
            });
    return windows;
  }
}
