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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry down, across the processes: serving keeps answering and its events keep reaching
 * drift-monitor; serving restarted while the registry is down serves from its cache; once the
 * registry is back, a new version and an alias move are applied and drift-monitor evaluates the
 * events of the outage.
 */
class RegistryOutageIT {

  static final String MODEL = ExampleModels.BREAST_CANCER;

  @TempDir Path work;

  @Test
  void servingAndTheLoopOutliveTheRegistryAndFollowItWhenItIsBack() {
    try (Suite suite =
            Suite.in(work)
                .drift("modelport.drift.models.\"" + MODEL + "\".window.max-rows", 114)
                .start();
        RegistryClient registry = suite.registryClient()) {
      ModelVersion v1 = SuiteCalls.register(registry, MODEL);
      SuiteCalls.alias(registry, MODEL, "champion", v1.version());
      Http.awaitStatus(
          suite.serving.resolve("/v2/models/" + MODEL + "/ready"), 200, Duration.ofSeconds(60));
      CsvTable test = ExampleModels.csv(MODEL, "test.csv");

      suite.registryProcess.kill();
      assertAllAnsweredBy(suite, test, v1.version().toString());

      // a restart with the registry down serves the last resolved deployment from the cache
      suite.servingProcess.stop();
      suite.servingProcess.restart();
      Http.awaitStatus(
          suite.serving.resolve("/v2/models/" + MODEL + "/ready"), 200, Duration.ofSeconds(60));
      assertAllAnsweredBy(suite, test, v1.version().toString());

      suite.registryProcess.restart();
      // what was sent during the outage is evaluated once drift-monitor reaches the registry
      await("drift-monitor evaluated the outage's events")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !SuiteCalls.windows(suite.drift, MODEL, v1.version().toString()).isEmpty());

      ModelVersion v2 = SuiteCalls.register(registry, MODEL);
      SuiteCalls.alias(registry, MODEL, "champion", v2.version());
      String moved = v2.version().toString();
      await("serving follows the alias move made after the outage")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  SuiteCalls.infer(suite.serving, MODEL, SuiteCalls.inputs(MODEL, test, 0, 6))
                      .json()
                      .path("model_version")
                      .asText()
                      .equals(moved));
    }
  }

  /** Sends every test row (a window's worth) and checks each answer came from {@code version}. */
  private static void assertAllAnsweredBy(Suite suite, CsvTable test, String version) {
    for (int from = 0; from < test.size(); from += 6) {
      SuiteCalls.Answer a =
          SuiteCalls.infer(suite.serving, MODEL, SuiteCalls.inputs(MODEL, test, from, from + 6));
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json().path("model_version").asText()).isEqualTo(version);
    }
  }
}
