package dev.modelport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary and shadow traffic reach drift-monitor as their own versions: a deployment with a primary
 * (alias champion), a canary (alias challenger, 30 %) and a shadow (a pinned version number) gives
 * each of the three versions its own evaluated windows.
 */
class CanaryShadowAttributionIT {

  static final String MODEL = ExampleModels.BREAST_CANCER;
  static final String DEPLOYMENT = "modelport.serving.deployments.\"" + MODEL + "\".";

  @TempDir Path work;

  @Test
  void primaryCanaryAndShadowAnswersAreEvaluatedPerVersion() {
    try (Suite suite =
            Suite.in(work)
                .serving(DEPLOYMENT + "primary", "alias:champion")
                .serving(DEPLOYMENT + "canary", "alias:challenger")
                .serving(DEPLOYMENT + "canary-weight", 30)
                .serving(DEPLOYMENT + "shadow", "version:3")
                .serving("modelport.serving.canary-seed", 7)
                .drift("modelport.drift.models.\"" + MODEL + "\".window.max-rows", 30)
                .start();
        RegistryClient registry = suite.registryClient()) {
      ModelVersion v1 = SuiteCalls.register(registry, MODEL);
      ModelVersion v2 = SuiteCalls.register(registry, MODEL);
      ModelVersion v3 = SuiteCalls.register(registry, MODEL);
      SuiteCalls.alias(registry, MODEL, "champion", v1.version());
      SuiteCalls.alias(registry, MODEL, "challenger", v2.version());
      for (ModelVersion v : new ModelVersion[] {v1, v2, v3}) {
        Http.awaitStatus(
            suite.serving.resolve("/v2/models/" + MODEL + "/versions/" + v.version() + "/ready"),
            200,
            Duration.ofSeconds(90));
      }

      CsvTable test = ExampleModels.csv(MODEL, "test.csv");
      Map<String, Integer> answeredBy = new HashMap<>();
      for (int i = 0; i < 60; i++) {
        int from = (i * 6) % 108;
        SuiteCalls.Answer a =
            SuiteCalls.infer(suite.serving, MODEL, SuiteCalls.inputs(MODEL, test, from, from + 6));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        answeredBy.merge(a.json().path("model_version").asText(), 1, Integer::sum);
      }
      // the client only ever sees the primary and the canary
      assertThat(answeredBy.keySet())
          .containsExactlyInAnyOrder(v1.version().toString(), v2.version().toString());

      for (ModelVersion v : new ModelVersion[] {v1, v2, v3}) {
        String version = v.version().toString();
        await("drift-monitor evaluated a window of version " + version)
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> !SuiteCalls.windows(suite.drift, MODEL, version).isEmpty());
      }
      long canaryRows =
          SuiteCalls.windows(suite.drift, MODEL, v2.version().toString()).stream()
              .mapToLong(w -> w.path("rows").asLong())
              .sum();
      assertThat(canaryRows)
          .as("rows of the canary's windows (it answered %s)", answeredBy)
          .isLessThanOrEqualTo(6L * answeredBy.get(v2.version().toString()));
    }
  }
}
