package dev.modelport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted artifacts pointed at by {@code champion}, across the processes, with events flowing: a
 * version whose blob was corrupted on the registry's disk after upload (its digest no longer
 * matches) and a version that passes the registry's format check but that ONNX Runtime cannot load.
 * Serving refuses each once ({@code modelport_rollouts_total{outcome="failed"}}, readiness names
 * it), keeps answering every request with version 1, and drift-monitor keeps evaluating version 1's
 * windows and sees nothing of the refused versions. The alias moved back clears the failure; a good
 * version registered afterwards is rolled out.
 */
class CorruptedArtifactIT {

  static final String MODEL = ExampleModels.BREAST_CANCER;
  static final Pattern ROWS =
      Pattern.compile(
          "(?m)^modelport_drift_rows_total\\{[^}]*version=\"([0-9]+)\"[^}]*\\} ([0-9.Ee+]+)$");
  static final Pattern ARTIFACT_DOWNLOADS =
      Pattern.compile(
          "(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/models/\\{model\\}"
              + "/versions/\\{version\\}/artifact\"[^}]*\\} ([0-9.Ee+]+)$");

  @TempDir Path work;

  @Test
  void corruptedVersionsAreRefusedWhileVersionOneAnswersAndIsMonitoredThenAGoodOneRollsOut()
      throws IOException {
    try (Suite suite =
            Suite.in(work)
                // a reconciliation every second: a refused version must not cost one per round
                .serving("modelport.serving.registry.reconcile-interval", "1s")
                .drift("modelport.drift.models.\"" + MODEL + "\".window.max-rows", 120)
                .start();
        RegistryClient registry = suite.registryClient()) {
      Path train = ExampleModels.file(MODEL, "train.csv");
      ModelVersion v1 = SuiteCalls.register(registry, MODEL);
      SuiteCalls.alias(registry, MODEL, "champion", v1.version());
      Http.awaitStatus(
          suite.serving.resolve("/v2/models/" + MODEL + "/ready"), 200, Duration.ofSeconds(60));
      CsvTable test = ExampleModels.csv(MODEL, "test.csv");

      try (ServingTraffic traffic = ServingTraffic.start(suite.serving, MODEL, test)) {
        awaitVersionOneWindowAfter(suite, Instant.EPOCH);

        // v2: a valid ONNX file whose blob is corrupted on the registry's disk after upload
        ModelVersion v2 =
            SuiteCalls.register(registry, MODEL, onnxWithDocString("version 2"), train);
        corruptBlob(suite, v2.artifact().sha256());
        Instant v2Moved = move(registry, v2.version());
        awaitFailedRollouts(suite, 1);
        assertOnlyVersionOneServes(suite, "version 2: artifact refused", "checksum");
        awaitVersionOneWindowAfter(suite, v2Moved);
        double downloadsAfterRefusal = artifactDownloads(suite);

        // v3: passes the registry's format check, but names an operator ONNX Runtime lacks
        ModelVersion v3 = SuiteCalls.register(registry, MODEL, onnxWithUnknownOperator(), train);
        Instant v3Moved = move(registry, v3.version());
        awaitFailedRollouts(suite, 2);
        assertOnlyVersionOneServes(suite, "version 3:", "Rxlu");
        awaitVersionOneWindowAfter(suite, v3Moved);
        // reconciliations (one a second) did not download v2's refused blob again
        assertThat(artifactDownloads(suite))
            .as("artifact downloads after v2 was refused, then v3's")
            .isEqualTo(downloadsAfterRefusal + 1);

        // the alias back on v1: nothing to roll out, the failure is no longer reported
        move(registry, v1.version());
        await("readiness without the rollout failure")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> readinessOf(suite).equals("primary 1"));

        // a good version: serving follows
        ModelVersion v4 =
            SuiteCalls.register(registry, MODEL, onnxWithDocString("version 4"), train);
        Instant v4Moved = move(registry, v4.version());
        await("serving answers with version 4")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> traffic.lastVersion().equals("4"));
        traffic.stop();

        assertThat(traffic.failures()).as("failed inferences: %s", traffic.firstFailure()).isZero();
        assertThat(traffic.rowsByVersion().keySet()).containsOnly("1", "4");
        assertThat(traffic.versionsSentBefore(v4Moved)).containsOnly("1");
        assertThat(failedRollouts(suite)).as("each refused version counted once").isEqualTo(2);
        assertThat(rollouts(suite, "succeeded")).isEqualTo(2);

        // every row reached drift-monitor under the version that answered it
        await("drift-monitor profiled every row under the version that answered it")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> driftRowsByVersion(suite).equals(traffic.rowsByVersion()));
        assertThat(SuiteCalls.windows(suite.drift, MODEL, "2")).isEmpty();
        assertThat(SuiteCalls.windows(suite.drift, MODEL, "3")).isEmpty();
      }
    }
  }

  /** Moves {@code champion}; returns when the registry answered. */
  private static Instant move(RegistryClient registry, VersionNumber version) {
    SuiteCalls.alias(registry, MODEL, "champion", version);
    return Instant.now();
  }

  /** Readiness, metadata and the primary's answers: version 1 only; the failure is reported. */
  private static void assertOnlyVersionOneServes(Suite suite, String... failureMentions) {
    assertThat(readinessOf(suite)).startsWith("primary 1; last rollout failed: ");
    assertThat(readinessOf(suite)).contains(failureMentions);
    JsonNode metadata = SuiteCalls.get(suite.serving.resolve("/v2/models/" + MODEL)).json();
    assertThat(metadata.path("versions").toString()).isEqualTo("[\"1\"]");
    assertThat(metadata.path("parameters").path("roles").toString())
        .isEqualTo("{\"1\":\"primary\"}");
    assertThat(Http.status(suite.serving.resolve("/v2/models/" + MODEL + "/ready"))).isEqualTo(200);
  }

  /** The model's line in serving's readiness data. */
  private static String readinessOf(Suite suite) {
    SuiteCalls.Answer ready = SuiteCalls.get(suite.serving.resolve("/q/health/ready"));
    for (JsonNode check : ready.json().path("checks")) {
      if (check.path("name").asText().equals("modelport-serving")) {
        return check.path("data").path(MODEL).asText();
      }
    }
    throw new AssertionError("no modelport-serving check in " + ready.body());
  }

  private static void awaitVersionOneWindowAfter(Suite suite, Instant after) {
    await("drift-monitor evaluated a window of version 1 with events after " + after)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                SuiteCalls.windows(suite.drift, MODEL, "1").stream()
                    .anyMatch(w -> Instant.parse(w.path("firstEventAt").asText()).isAfter(after)));
  }

  private static void awaitFailedRollouts(Suite suite, int count) {
    await(count + " failed rollout(s) counted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> failedRollouts(suite) >= count);
  }

  private static double failedRollouts(Suite suite) {
    return rollouts(suite, "failed");
  }

  private static double rollouts(Suite suite, String outcome) {
    String metrics = SuiteCalls.get(suite.serving.resolve("/q/metrics")).body();
    Matcher m =
        Pattern.compile(
                "(?m)^modelport_rollouts_total\\{model=\""
                    + MODEL
                    + "\",outcome=\""
                    + outcome
                    + "\"\\} ([0-9.Ee+]+)$")
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static double artifactDownloads(Suite suite) {
    Matcher m =
        ARTIFACT_DOWNLOADS.matcher(SuiteCalls.get(suite.registry.resolve("/q/metrics")).body());
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }

  /** Rows drift-monitor profiled per version of the model. */
  private static Map<String, Long> driftRowsByVersion(Suite suite) {
    String metrics = SuiteCalls.get(suite.drift.resolve("/q/metrics")).body();
    Map<String, Long> rows = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      if (line.contains("model=\"" + MODEL + "\"")) {
        Matcher m = ROWS.matcher(line);
        if (m.matches()) {
          rows.put(m.group(1), (long) Double.parseDouble(m.group(2)));
        }
      }
    }
    return rows;
  }

  /** Flips bytes in the middle of the registry's stored blob, keeping its size. */
  private static void corruptBlob(Suite suite, String sha256) throws IOException {
    Path blob =
        suite
            .work
            .resolve("registry")
            .resolve("blobs")
            .resolve("sha256")
            .resolve(sha256.substring(0, 2))
            .resolve(sha256);
    byte[] bytes = Files.readAllBytes(blob);
    // the last bytes are the appended doc string: the file would still load, only its digest
    // tells it apart
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(blob, bytes);
  }

  /**
   * The example ONNX model with {@code doc} appended as ModelProto.doc_string (field 6, a later
   * occurrence replaces the earlier): the same model, other bytes, another digest.
   */
  private Path onnxWithDocString(String doc) throws IOException {
    byte[] text = doc.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Files.readAllBytes(ExampleModels.onnx(MODEL)));
    out.write(0x32);
    out.write(text.length); // under 128: a one-byte varint
    out.write(text);
    Path file = work.resolve(doc.replace(' ', '-') + ".onnx");
    Files.write(file, out.toByteArray());
    return file;
  }

  /** The example model with its first Relu's op_type renamed Rxlu: well-formed, not loadable. */
  private Path onnxWithUnknownOperator() throws IOException {
    byte[] bytes = Files.readAllBytes(ExampleModels.onnx(MODEL));
    byte[] relu = {0x22, 0x04, 'R', 'e', 'l', 'u'};
    int at = indexOf(bytes, relu);
    assertThat(at).as("an op_type Relu in the example model").isNotNegative();
    bytes[at + 3] = 'x';
    Path file = work.resolve("unknown-operator.onnx");
    Files.write(file, bytes);
    return file;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
