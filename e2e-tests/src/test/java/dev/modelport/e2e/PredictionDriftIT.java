package dev.modelport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prediction drift through the real registry: training data that carries the model's outputs as
 * columns ({@code probabilities_0}, {@code probabilities_1}) gives a baseline with those columns,
 * and drift-monitor compares the live outputs of served requests with them, apart from the inputs.
 */
class PredictionDriftIT {

  static final String MODEL = ExampleModels.BREAST_CANCER;

  @TempDir Path work;

  @Test
  void outputColumnsOfTheTrainingDataAreComparedWithTheServedOutputs() throws Exception {
    Path training = withOutputs(work.resolve("test-with-outputs.csv"));
    try (Suite suite =
            Suite.in(work)
                .drift("modelport.drift.models.\"" + MODEL + "\".window.max-rows", 114)
                .start();
        RegistryClient registry = suite.registryClient()) {
      ModelVersion v = SuiteCalls.register(registry, MODEL, training);
      SuiteCalls.alias(registry, MODEL, "champion", v.version());
      String version = v.version().toString();
      Http.awaitStatus(
          suite.serving.resolve("/v2/models/" + MODEL + "/ready"), 200, Duration.ofSeconds(60));

      var test = ExampleModels.csv(MODEL, "test.csv");
      for (int from = 0; from < test.size(); from += 6) {
        SuiteCalls.Answer a =
            SuiteCalls.infer(suite.serving, MODEL, SuiteCalls.inputs(MODEL, test, from, from + 6));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
      }
      List<JsonNode> windows = new ArrayList<>();
      await("a window with prediction drift")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                windows.clear();
                windows.addAll(SuiteCalls.windows(suite.drift, MODEL, version));
                return !windows.isEmpty();
              });
      JsonNode prediction = windows.get(0).path("predictionDrift");
      assertThat(prediction.path("evaluatedColumns").asInt()).as("%s", prediction).isEqualTo(2);
      // the served outputs of the test rows are the baseline's own outputs: no drift
      assertThat(prediction.path("driftedColumns")).as("%s", prediction).isEmpty();
      List<String> columns = new ArrayList<>();
      prediction
          .path("columns")
          .forEach(
              c -> {
                assertThat(c.path("inBaseline").asBoolean()).as("%s", c).isTrue();
                columns.add(c.path("column").asText());
              });
      assertThat(columns).containsExactly("probabilities_0", "probabilities_1");
      // the outputs never count toward the input features' share
      assertThat(windows.get(0).path("datasetDrift").path("evaluatedFeatures").asInt())
          .isEqualTo(30);
    }
  }

  /** test.csv with the model's reference outputs appended as columns. */
  private static Path withOutputs(Path target) throws Exception {
    Path dir = ExampleModels.dir(MODEL);
    List<String> rows = Files.readAllLines(dir.resolve("test.csv"), StandardCharsets.UTF_8);
    List<String> outputs =
        Files.readAllLines(dir.resolve("expected_test_probabilities.csv"), StandardCharsets.UTF_8);
    List<String> joined = new ArrayList<>();
    joined.add(rows.get(0) + ",probabilities_0,probabilities_1");
    for (int i = 1; i < rows.size(); i++) {
      if (!rows.get(i).isBlank()) {
        joined.add(rows.get(i) + "," + outputs.get(i));
      }
    }
    return Files.write(target, joined);
  }
}
