package dev.modelport.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.deploy.support.ProjectFiles;
import dev.modelport.deploy.support.Requirements;
import dev.modelport.deploy.support.StrictKubernetesYaml;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code promtool check rules} and {@code promtool test rules} of the alert rules (promtool comes
 * with Debian's {@code prometheus} package, which .ci/run installs), and the unit test file's
 * coverage: every alert fires on a synthetic failing series and stays silent on a healthy one.
 */
class PromtoolRulesTest {

  static final Path TESTS =
      ProjectFiles.root().resolve("deploy-tests/src/test/promtool/modelport-rules.test.yaml");

  static String promtool;

  @BeforeAll
  static void findPromtool() {
    promtool = which("promtool");
    Requirements.require(
        promtool != null, "promtool is not installed (apt-get install prometheus)");
  }

  @Test
  void rulesFilePassesPromtoolCheck() throws Exception {
    Result r = run(promtool, "check", "rules", ProjectFiles.alertRules().toString());
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS: " + alertNames().size() + " rules found");
  }

  @Test
  void unitTestsPassPromtoolTest() throws Exception {
    Result r = run(promtool, "test", "rules", TESTS.toString());
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS");
  }

  @Test
  void everyAlertHasAFiringAndASilentCase() throws IOException {
    JsonNode tests = StrictKubernetesYaml.mapper().readTree(TESTS.toFile());
    Set<String> firing = new HashSet<>();
    Set<String> silent = new HashSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode t : test.path("alert_rule_test")) {
        String name = t.path("alertname").asText();
        (t.path("exp_alerts").isEmpty() ? silent : firing).add(name);
      }
    }
    assertThat(firing).as("alerts with a firing case").containsAll(alertNames());
    assertThat(silent).as("alerts with a silent case").containsAll(alertNames());
    assertThat(tests.path("rule_files").get(0).asText())
        .as("the unit tests load the chart's rules file")
        .isEqualTo("../../../../helm/modelport/files/alerts/modelport-rules.yaml");
  }

  @Test
  void theIssuesAlertsAreAllThere() {
    assertThat(alertNames())
        .contains(
            "ModelportDataDriftDetected",
            "ModelportInferenceLatencyHigh",
            "ModelportInferenceErrorRatio",
            "ModelportQueueSaturated",
            "ModelportModelNotLoaded",
            "ModelportRolloutFailed",
            "ModelportInferenceEventsDropped",
            "ModelportDriftConsumerLag",
            "ModelportServiceDown");
  }

  static List<String> alertNames() {
    return MetricQueries.alertRules().stream()
        .map(q -> q.source().substring(q.source().indexOf(": ") + 2))
        .toList();
  }

  record Result(int exit, String output) {}

  static Result run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  static String which(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, tool);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }
}
